package parapet.aws.s3.s3_bucket_level_public_access_block_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_level_public_access_block as control

bucket(pab) := {"resource": {"name": "b", "attributes": {"public_access_block": pab}}}

all_on := {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}

test_all_on_passes if {
	control.status == "PASS" with input as bucket(all_on)
	control.reason == "bucket b has all four Block Public Access settings on" with input as bucket(all_on)
}

test_one_off_fails if {
	inp := bucket(object.union(all_on, {"RestrictPublicBuckets": false}))
	control.status == "FAIL" with input as inp
	control.reason == "bucket b has Block Public Access settings off: RestrictPublicBuckets" with input as inp
}

test_not_configured_fails if {
	control.status == "FAIL" with input as bucket(null)
	control.reason == "bucket b has no Block Public Access configuration" with input as bucket(null)
}

test_missing_flag_fails if control.status == "FAIL" with input as bucket(object.remove(all_on, ["BlockPublicPolicy"]))

test_missing_attribute_fails if control.status == "FAIL" with input as {"resource": {"name": "b", "attributes": {}}}
