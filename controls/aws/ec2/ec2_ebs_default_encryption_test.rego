package parapet.aws.ec2.ec2_ebs_default_encryption_test

import rego.v1

import data.parapet.aws.ec2.ec2_ebs_default_encryption as control

region(v) := {"resource": {"name": "111122223333", "region": "eu-west-1", "attributes": {"ebs_encryption_by_default": v}}}

test_on_passes if {
	control.status == "PASS" with input as region(true)
	control.reason == "EBS encryption by default is on in eu-west-1" with input as region(true)
}

test_off_fails if {
	control.status == "FAIL" with input as region(false)
	control.reason == "EBS encryption by default is off in eu-west-1" with input as region(false)
}

test_unknown_decides_nothing if not control.status with input as region(null)
