package parapet.aws.cloudwatch.cloudwatch_log_group_kms_encryption_enabled_test

import rego.v1

import data.parapet.aws.cloudwatch.cloudwatch_log_group_kms_encryption_enabled as control

group(key) := {"resource": {"name": "/app/api", "attributes": {"kmsKeyId": key}}}

test_key_passes if control.status == "PASS" with input as group("arn:aws:kms:us-east-1:111122223333:key/k")

test_no_key_fails if {
	control.status == "FAIL" with input as group(null)
	control.reason == "log group /app/api has no KMS key" with input as group(null)
}
