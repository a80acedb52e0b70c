package parapet.aws.s3.s3_bucket_no_mfa_delete_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_no_mfa_delete as control

bucket(versioning) := {"resource": {"name": "b", "attributes": {"versioning": versioning}}}

test_enabled_passes if {
	control.status == "PASS" with input as bucket({"Status": "Enabled", "MFADelete": "Enabled"})
	control.reason == "bucket b has versioning and MFA Delete enabled" with input as bucket({"Status": "Enabled", "MFADelete": "Enabled"})
}

test_disabled_fails if {
	control.status == "FAIL" with input as bucket({"Status": "Enabled", "MFADelete": "Disabled"})
	control.reason == "bucket b does not have MFA Delete enabled" with input as bucket({"Status": "Enabled", "MFADelete": "Disabled"})
}

# A bucket that never had versioning reports neither field.
test_never_versioned_fails if control.status == "FAIL" with input as bucket({"Status": null, "MFADelete": null})

test_missing_versioning_fails if control.status == "FAIL" with input as {"resource": {"name": "b", "attributes": {}}}

test_suspended_with_mfa_delete_fails if {
	inp := bucket({"Status": "Suspended", "MFADelete": "Enabled"})
	control.status == "FAIL" with input as inp
	control.reason == "bucket b has MFA Delete enabled but versioning is not enabled" with input as inp
}
