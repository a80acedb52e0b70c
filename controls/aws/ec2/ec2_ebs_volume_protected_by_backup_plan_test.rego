package parapet.aws.ec2.ec2_ebs_volume_protected_by_backup_plan_test

import rego.v1

import data.parapet.aws.ec2.ec2_ebs_volume_protected_by_backup_plan as control

vol(protected) := {"resource": {"name": "vol-1", "attributes": {"backup_protected": protected}}}

test_protected_passes if {
	control.status == "PASS" with input as vol(true)
	control.reason == "volume vol-1 has recovery points in AWS Backup" with input as vol(true)
}

test_unprotected_fails if {
	control.status == "FAIL" with input as vol(false)
	control.reason == "volume vol-1 has no recovery point in AWS Backup" with input as vol(false)
}

test_unknown_decides_nothing if not control.status with input as vol(null)
