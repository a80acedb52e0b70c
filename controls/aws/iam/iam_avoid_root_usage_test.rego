package parapet.aws.iam.iam_avoid_root_usage_test

import rego.v1

import data.parapet.aws.iam.iam_avoid_root_usage as control

now := "2026-03-01T00:00:00Z"

settings(root) := {"now": now, "resource": {"name": "123456789012", "attributes": {"root": root}}}

unused := {
	"password_last_used": null,
	"access_key_1_last_used_date": null,
	"access_key_2_last_used_date": null,
}

test_never_used_passes if {
	control.status == "PASS" with input as settings(unused)
	contains(control.reason, "123456789012") with input as settings(unused)
}

test_old_sign_in_passes if {
	control.status == "PASS" with input as settings(object.union(unused, {"password_last_used": "2025-06-01T10:00:00Z"}))
}

test_recent_sign_in_fails if {
	inp := settings(object.union(unused, {"password_last_used": "2026-02-20T10:00:00Z"}))
	control.status == "FAIL" with input as inp
	contains(control.reason, "password") with input as inp
}

test_recent_access_key_use_fails if {
	inp := settings(object.union(unused, {"access_key_2_last_used_date": "2026-01-15T00:00:00Z"}))
	control.status == "FAIL" with input as inp
	contains(control.reason, "access key 2") with input as inp
}

test_day_89_fails_and_day_91_passes if {
	control.status == "FAIL" with input as settings(object.union(unused, {"password_last_used": "2025-12-02T00:00:00Z"}))
	control.status == "PASS" with input as settings(object.union(unused, {"password_last_used": "2025-11-30T00:00:00Z"}))
}

test_missing_root_row_does_not_pass if not control.status with input as settings(null)
