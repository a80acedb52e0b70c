package parapet.aws.s3.s3_bucket_object_lock_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_object_lock as control

bucket(lock) := {"resource": {"name": "b", "attributes": {"object_lock": lock}}}

test_enabled_passes if {
	inp := bucket({"ObjectLockEnabled": "Enabled", "DefaultRetention": {"Mode": "COMPLIANCE", "Days": 30, "Years": null}})
	control.status == "PASS" with input as inp
	control.reason == "bucket b has Object Lock enabled with default COMPLIANCE retention of 30 days null years" with input as inp
}

test_enabled_without_retention_passes if {
	inp := bucket({"ObjectLockEnabled": "Enabled", "DefaultRetention": null})
	control.reason == "bucket b has Object Lock enabled without a default retention" with input as inp
}

test_no_lock_fails if {
	control.status == "FAIL" with input as bucket(null)
	control.reason == "bucket b does not have Object Lock enabled" with input as bucket(null)
}
