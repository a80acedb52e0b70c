package parapet.aws.iam.iam_rotate_access_key_90_days_test

import rego.v1

import data.parapet.aws.iam.iam_rotate_access_key_90_days as control

user(cred) := {"now": "2026-03-01T00:00:00Z", "resource": {"name": "alice", "attributes": {"credential": cred}}}

keys(a1, r1, a2, r2) := {
	"access_key_1_active": a1, "access_key_1_last_rotated": r1, "access_key_1_last_used_date": null,
	"access_key_2_active": a2, "access_key_2_last_rotated": r2, "access_key_2_last_used_date": null,
}

test_fresh_key_passes if {
	inp := user(keys(true, "2026-01-15T00:00:00Z", false, null))
	control.status == "PASS" with input as inp
	contains(control.reason, "alice") with input as inp
}

test_old_key_fails if {
	inp := user(keys(true, "2025-06-01T00:00:00Z", false, null))
	control.status == "FAIL" with input as inp
	contains(control.reason, "access key 1") with input as inp
}

test_old_second_key_fails if {
	inp := user(keys(true, "2026-02-01T00:00:00Z", true, "2024-01-01T00:00:00Z"))
	control.status == "FAIL" with input as inp
	contains(control.reason, "access key 2") with input as inp
}

# An old key that is already inactive cannot be used.
test_old_inactive_key_ignored if control.status == "PASS" with input as user(keys(true, "2026-02-01T00:00:00Z", false, "2020-01-01T00:00:00Z"))

test_boundary_89_passes_90_fails if {
	control.status == "PASS" with input as user(keys(true, "2025-12-02T00:00:00Z", false, null))
	control.status == "FAIL" with input as user(keys(true, "2025-12-01T00:00:00Z", false, null))
}

test_no_active_keys_skipped if {
	control.status == "SKIPPED" with input as user(keys(false, null, false, null))
	contains(control.reason, "no active access keys") with input as user(keys(false, null, false, null))
}

test_no_report_row_skipped if {
	control.status == "SKIPPED" with input as user(null)
	contains(control.reason, "no row") with input as user(null)
}
