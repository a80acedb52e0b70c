package parapet.aws.s3.s3_access_point_public_access_block_test

import rego.v1

import data.parapet.aws.s3.s3_access_point_public_access_block as control

ap(block) := {"resource": {"name": "app", "attributes": {"public_access_block": block}}}

all_on := {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}

test_all_on_passes if control.status == "PASS" with input as ap(all_on)

test_one_off_fails if {
	inp := ap(object.union(all_on, {"RestrictPublicBuckets": false}))
	control.status == "FAIL" with input as inp
	control.reason == "access point app has RestrictPublicBuckets off" with input as inp
}

test_unknown_decides_nothing if not control.status with input as ap(null)
