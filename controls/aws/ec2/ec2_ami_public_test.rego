package parapet.aws.ec2.ec2_ami_public_test

import rego.v1

import data.parapet.aws.ec2.ec2_ami_public as control

image(p) := {"resource": {"name": "golden-2026", "attributes": {"Public": p}}}

test_public_fails if {
	control.status == "FAIL" with input as image(true)
	control.reason == "AMI golden-2026 can be launched by any AWS account" with input as image(true)
}

test_private_passes if control.status == "PASS" with input as image(false)

test_unknown_decides_nothing if not control.status with input as image(null)
