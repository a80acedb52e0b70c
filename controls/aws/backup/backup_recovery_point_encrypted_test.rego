package parapet.aws.backup.backup_recovery_point_encrypted_test

import rego.v1

import data.parapet.aws.backup.backup_recovery_point_encrypted as control

res(enc) := {"resource": {"name": "rp-1", "attributes": {"IsEncrypted": enc, "ResourceArn": "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1"}}}

test_encrypted_passes if {
	control.status == "PASS" with input as res(true)
	control.reason == "recovery point rp-1 of arn:aws:ec2:eu-west-1:111122223333:volume/vol-1 is encrypted" with input as res(true)
}

test_plain_fails if {
	control.status == "FAIL" with input as res(false)
	control.reason == "recovery point rp-1 of arn:aws:ec2:eu-west-1:111122223333:volume/vol-1 is not encrypted" with input as res(false)
}

test_unknown_decides_nothing if not control.status with input as res(null)
