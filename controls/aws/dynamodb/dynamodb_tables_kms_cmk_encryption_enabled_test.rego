package parapet.aws.dynamodb.dynamodb_tables_kms_cmk_encryption_enabled_test

import rego.v1

import data.parapet.aws.dynamodb.dynamodb_tables_kms_cmk_encryption_enabled as control

table(sse, manager) := {"resource": {"name": "orders", "attributes": {"SSEDescription": sse, "sse_key_manager": manager}}}

key := "arn:aws:kms:eu-west-1:111122223333:key/k"

test_customer_key_passes if {
	inp := table({"SSEType": "KMS", "KMSMasterKeyArn": key, "Status": "ENABLED"}, "CUSTOMER")
	control.status == "PASS" with input as inp
	control.reason == sprintf("table orders is encrypted with customer-managed key %s", [key]) with input as inp
}

test_aws_managed_key_fails if {
	inp := table({"SSEType": "KMS", "KMSMasterKeyArn": key}, "AWS")
	control.status == "FAIL" with input as inp
	control.reason == "table orders is encrypted with the AWS-managed aws/dynamodb key" with input as inp
}

test_aws_owned_key_fails if {
	control.status == "FAIL" with input as table(null, null)
	control.reason == "table orders is encrypted with the AWS-owned key" with input as table(null, null)
}
