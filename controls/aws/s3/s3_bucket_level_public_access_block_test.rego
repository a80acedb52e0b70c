package parapet.aws.s3.s3_bucket_level_public_access_block_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_level_public_access_block as control

bucket(pab) := bucket_in_account(pab, null)

bucket_in_account(pab, account) := {"resource": {"name": "b", "attributes": {
	"public_access_block": pab,
	"account_public_access_block": account,
}}}

all_on := {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}

all_off := {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}

test_all_on_passes if {
	control.status == "PASS" with input as bucket(all_on)
	control.reason == "bucket b has all four Block Public Access settings on" with input as bucket(all_on)
}

test_one_off_fails if {
	inp := bucket(object.union(all_on, {"RestrictPublicBuckets": false}))
	control.status == "FAIL" with input as inp
	control.reason == "bucket b has Block Public Access settings off at both bucket and account level: RestrictPublicBuckets" with input as inp
}

test_not_configured_fails if {
	control.status == "FAIL" with input as bucket(null)
	control.reason == "bucket b has no Block Public Access configuration, and neither has the account" with input as bucket(null)
}

test_missing_flag_fails if control.status == "FAIL" with input as bucket(object.remove(all_on, ["BlockPublicPolicy"]))

test_missing_attribute_fails if control.status == "FAIL" with input as {"resource": {"name": "b", "attributes": {}}}

# CIS 2.1.4: the account's four settings cover a bucket without its own block.
test_account_block_covers_bucket_without_its_own if {
	inp := bucket_in_account(null, all_on)
	control.status == "PASS" with input as inp
	control.reason == "bucket b has all four Block Public Access settings in force, with BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets from the account-level block" with input as inp
}

test_account_block_covers_bucket_with_settings_off if control.status == "PASS" with input as bucket_in_account(all_off, all_on)

# S3 combines the levels setting by setting: each may come from either.
test_settings_combine_across_levels if {
	bucket_half := object.union(all_off, {"BlockPublicAcls": true, "IgnorePublicAcls": true})
	account_half := object.union(all_off, {"BlockPublicPolicy": true, "RestrictPublicBuckets": true})
	inp := bucket_in_account(bucket_half, account_half)
	control.status == "PASS" with input as inp
	control.reason == "bucket b has all four Block Public Access settings in force, with BlockPublicPolicy, RestrictPublicBuckets from the account-level block" with input as inp
}

test_account_block_with_a_setting_off_does_not_cover if {
	inp := bucket_in_account(null, object.union(all_on, {"IgnorePublicAcls": false}))
	control.status == "FAIL" with input as inp
	control.reason == "bucket b has Block Public Access settings off at both bucket and account level: IgnorePublicAcls" with input as inp
}

# Only an explicit true counts: a string is not a setting.
test_string_true_does_not_count if control.status == "FAIL" with input as bucket_in_account(null, object.union(all_on, {"RestrictPublicBuckets": "true"}))
