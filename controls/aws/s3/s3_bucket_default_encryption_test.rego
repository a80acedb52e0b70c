package parapet.aws.s3.s3_bucket_default_encryption_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_default_encryption as control

bucket(enc) := {"resource": {"name": "b", "attributes": {"encryption": enc}}}

test_sse_s3_passes if {
	inp := bucket({"rules": [{"SSEAlgorithm": "AES256", "KMSMasterKeyID": null, "BucketKeyEnabled": false}]})
	control.status == "PASS" with input as inp
	control.reason == "bucket b encrypts new objects by default with AES256" with input as inp
}

test_kms_passes if control.status == "PASS" with input as bucket({"rules": [{"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111122223333:key/k"}]})

test_no_configuration_fails if {
	control.status == "FAIL" with input as bucket(null)
	control.reason == "bucket b has no default encryption rule" with input as bucket(null)
}

test_rule_without_algorithm_fails if control.status == "FAIL" with input as bucket({"rules": [{"SSEAlgorithm": null}]})
