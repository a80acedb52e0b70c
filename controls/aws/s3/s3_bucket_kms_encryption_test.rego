package parapet.aws.s3.s3_bucket_kms_encryption_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_kms_encryption as control

bucket(alg) := {"resource": {"name": "b", "attributes": {"encryption": {"rules": [{"SSEAlgorithm": alg}]}}}}

test_kms_passes if {
	control.status == "PASS" with input as bucket("aws:kms")
	control.reason == "bucket b encrypts new objects with KMS keys by default" with input as bucket("aws:kms")
}

test_dsse_passes if control.status == "PASS" with input as bucket("aws:kms:dsse")

test_sse_s3_fails if {
	control.status == "FAIL" with input as bucket("AES256")
	control.reason == "bucket b does not use KMS for default encryption (AES256)" with input as bucket("AES256")
}

test_no_configuration_fails if control.status == "FAIL" with input as {"resource": {"name": "b", "attributes": {"encryption": null}}}
