package parapet.aws.s3.s3_account_level_public_access_blocks_test

import rego.v1

import data.parapet.aws.s3.s3_account_level_public_access_blocks as control

account(pab) := {"resource": {"name": "123456789012", "attributes": {"public_access_block": pab}}}

all_on := {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}

test_all_on_passes if {
	control.status == "PASS" with input as account(all_on)
	control.reason == "account 123456789012 has all four S3 Block Public Access settings on" with input as account(all_on)
}

test_partial_fails if {
	inp := account(object.union(all_on, {"BlockPublicAcls": false, "IgnorePublicAcls": false}))
	control.status == "FAIL" with input as inp
	control.reason == "account 123456789012 has account-level S3 Block Public Access settings off: BlockPublicAcls, IgnorePublicAcls" with input as inp
}

# GetPublicAccessBlock answers NoSuchPublicAccessBlockConfiguration; the collector reports null.
test_not_configured_fails if {
	control.status == "FAIL" with input as account(null)
	control.reason == "account 123456789012 has no account-level S3 Block Public Access configuration" with input as account(null)
}
