package parapet.aws.kinesis.kinesis_stream_encrypted_at_rest_test

import rego.v1

import data.parapet.aws.kinesis.kinesis_stream_encrypted_at_rest as control

stream(enc) := {"resource": {"name": "clicks", "attributes": {"EncryptionType": enc}}}

test_kms_passes if {
	control.status == "PASS" with input as stream("KMS")
	control.reason == "stream clicks encrypts records with KMS" with input as stream("KMS")
}

test_none_fails if {
	control.status == "FAIL" with input as stream("NONE")
	control.reason == "stream clicks stores records unencrypted" with input as stream("NONE")
}
