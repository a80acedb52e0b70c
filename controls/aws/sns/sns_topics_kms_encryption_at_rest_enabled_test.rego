package parapet.aws.sns.sns_topics_kms_encryption_at_rest_enabled_test

import rego.v1

import data.parapet.aws.sns.sns_topics_kms_encryption_at_rest_enabled as control

topic(key) := {"resource": {"name": "alerts", "attributes": {"KmsMasterKeyId": key}}}

test_key_passes if {
	control.status == "PASS" with input as topic("alias/aws/sns")
	control.reason == "topic alerts encrypts messages with KMS key alias/aws/sns" with input as topic("alias/aws/sns")
}

test_no_key_fails if {
	control.status == "FAIL" with input as topic(null)
	control.reason == "topic alerts does not encrypt messages at rest with KMS" with input as topic(null)
}

test_empty_key_fails if control.status == "FAIL" with input as topic("")
