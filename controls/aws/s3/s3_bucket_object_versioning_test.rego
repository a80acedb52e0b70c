package parapet.aws.s3.s3_bucket_object_versioning_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_object_versioning as control

bucket(v) := {"resource": {"name": "b", "attributes": {"versioning": v}}}

test_enabled_passes if {
	control.status == "PASS" with input as bucket({"Status": "Enabled", "MFADelete": null})
	control.reason == "bucket b has versioning enabled" with input as bucket({"Status": "Enabled"})
}

test_suspended_fails if {
	control.status == "FAIL" with input as bucket({"Status": "Suspended"})
	control.reason == "bucket b has versioning suspended" with input as bucket({"Status": "Suspended"})
}

test_never_versioned_fails if {
	control.status == "FAIL" with input as bucket({"Status": null, "MFADelete": null})
	control.reason == "bucket b has never had versioning enabled" with input as bucket({})
}

# An unreadable answer (moto's unparseable one, for example) must not become a verdict.
test_unread_versioning_decides_nothing if not control.status with input as bucket(null)
