package parapet.aws.ec2.ec2_ebs_volume_encryption_test

import rego.v1

import data.parapet.aws.ec2.ec2_ebs_volume_encryption as control

volume(encrypted) := {"resource": {"name": "vol-1", "attributes": {"VolumeId": "vol-1", "Encrypted": encrypted, "State": "in-use"}}}

test_encrypted_passes if {
	control.status == "PASS" with input as volume(true)
	control.reason == "EBS volume vol-1 is encrypted" with input as volume(true)
}

test_unencrypted_fails if {
	control.status == "FAIL" with input as volume(false)
	control.reason == "EBS volume vol-1 is not encrypted" with input as volume(false)
}

test_missing_flag_fails if control.status == "FAIL" with input as {"resource": {"name": "vol-1", "attributes": {}}}
