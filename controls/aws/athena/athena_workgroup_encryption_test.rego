package parapet.aws.athena.athena_workgroup_encryption_test

import rego.v1

import data.parapet.aws.athena.athena_workgroup_encryption as control

wg(config) := {"resource": {"name": "analysts", "attributes": {"Configuration": config}}}

test_kms_passes if {
	inp := wg({"ResultConfiguration": {"EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": "k"}}})
	control.status == "PASS" with input as inp
	control.reason == "workgroup analysts encrypts query results (SSE_KMS)" with input as inp
}

test_no_encryption_fails if {
	control.status == "FAIL" with input as wg({"ResultConfiguration": {"OutputLocation": "s3://results/"}})
	control.status == "FAIL" with input as wg({})
	control.reason == "workgroup analysts does not encrypt query results" with input as wg({})
}
