package parapet.aws.s3.s3_bucket_acl_prohibited_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_acl_prohibited as control

bucket(o) := {"resource": {"name": "b", "attributes": {"ownership_controls": o}}}

test_enforced_passes if control.status == "PASS" with input as bucket("BucketOwnerEnforced")

test_preferred_fails if {
	control.status == "FAIL" with input as bucket("BucketOwnerPreferred")
	control.reason == "bucket b still uses ACLs (object ownership BucketOwnerPreferred)" with input as bucket("BucketOwnerPreferred")
}

test_none_fails if {
	control.status == "FAIL" with input as bucket(null)
	control.reason == "bucket b still uses ACLs (no ownership controls)" with input as bucket(null)
}
