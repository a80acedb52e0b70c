package parapet.aws.efs.efs_encryption_at_rest_enabled_test

import rego.v1

import data.parapet.aws.efs.efs_encryption_at_rest_enabled as control

fs(encrypted) := {"resource": {"name": "fs-1", "attributes": {"FileSystemId": "fs-1", "Encrypted": encrypted, "KmsKeyId": null}}}

test_encrypted_passes if {
	control.status == "PASS" with input as fs(true)
	control.reason == "EFS file system fs-1 is encrypted at rest" with input as fs(true)
}

test_unencrypted_fails if {
	control.status == "FAIL" with input as fs(false)
	control.reason == "EFS file system fs-1 is not encrypted at rest" with input as fs(false)
}

test_missing_flag_fails if control.status == "FAIL" with input as {"resource": {"name": "fs-1", "attributes": {}}}
