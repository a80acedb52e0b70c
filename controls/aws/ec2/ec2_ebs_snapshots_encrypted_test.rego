package parapet.aws.ec2.ec2_ebs_snapshots_encrypted_test

import rego.v1

import data.parapet.aws.ec2.ec2_ebs_snapshots_encrypted as control

snap(e) := {"resource": {"name": "snap-1", "attributes": {"Encrypted": e}}}

test_encrypted_passes if control.status == "PASS" with input as snap(true)

test_unencrypted_fails if {
	control.status == "FAIL" with input as snap(false)
	control.reason == "snapshot snap-1 is not encrypted" with input as snap(false)
}

test_unknown_decides_nothing if not control.status with input as snap(null)
