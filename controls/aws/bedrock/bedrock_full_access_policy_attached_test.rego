package parapet.aws.bedrock.bedrock_full_access_policy_attached_test

import rego.v1

import data.parapet.aws.bedrock.bedrock_full_access_policy_attached as control

policy(arn, n) := {"resource": {"name": "p", "attributes": {"Arn": arn, "AttachmentCount": n}}}

test_attached_fails if {
	inp := policy("arn:aws:iam::aws:policy/AmazonBedrockFullAccess", 2)
	control.status == "FAIL" with input as inp
	control.reason == "AmazonBedrockFullAccess is attached to 2 identities" with input as inp
}

test_gov_partition_is_recognised if control.status == "FAIL" with input as policy("arn:aws-us-gov:iam::aws:policy/AmazonBedrockFullAccess", 1)

test_detached_passes if control.status == "PASS" with input as policy("arn:aws:iam::aws:policy/AmazonBedrockFullAccess", 0)

test_other_policies_skipped if {
	control.status == "SKIPPED" with input as policy("arn:aws:iam::aws:policy/AmazonBedrockReadOnly", 3)
	# A customer policy that copies the name is not the managed one.
	control.status == "SKIPPED" with input as policy("arn:aws:iam::111122223333:policy/AmazonBedrockFullAccess", 3)
}
