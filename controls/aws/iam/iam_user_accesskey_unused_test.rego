package parapet.aws.iam.iam_user_accesskey_unused_test

import rego.v1

import data.parapet.aws.iam.iam_user_accesskey_unused as control

user(cred) := {"now": "2026-03-01T00:00:00Z", "resource": {"name": "alice", "attributes": {"credential": cred}}}

base := {
	"password_enabled": false,
	"access_key_1_active": false, "access_key_1_last_used_date": null, "access_key_1_last_rotated": null,
	"access_key_2_active": false, "access_key_2_last_used_date": null, "access_key_2_last_rotated": null,
}

key1(last_used, rotated) := object.union(base, {
	"access_key_1_active": true,
	"access_key_1_last_used_date": last_used,
	"access_key_1_last_rotated": rotated,
})

test_recently_used_passes if {
	inp := user(key1("2026-02-20T00:00:00Z", "2025-01-01T00:00:00Z"))
	control.status == "PASS" with input as inp
	contains(control.reason, "alice") with input as inp
}

test_used_long_ago_fails if {
	inp := user(key1("2025-12-01T00:00:00Z", "2025-01-01T00:00:00Z"))
	control.status == "FAIL" with input as inp
	contains(control.reason, "access key 1") with input as inp
}

test_never_used_old_key_fails if control.status == "FAIL" with input as user(key1(null, "2025-12-01T00:00:00Z"))

test_never_used_new_key_passes if control.status == "PASS" with input as user(key1(null, "2026-02-25T00:00:00Z"))

test_boundary_44_days_passes_45_fails if {
	control.status == "PASS" with input as user(key1("2026-01-16T00:00:00Z", null))
	control.status == "FAIL" with input as user(key1("2026-01-15T00:00:00Z", null))
}

# An old inactive key is already disabled, which is what CIS asks for.
test_inactive_old_key_skipped if {
	cred := object.union(base, {"access_key_2_last_used_date": "2024-01-01T00:00:00Z", "access_key_2_last_rotated": "2023-01-01T00:00:00Z"})
	control.status == "SKIPPED" with input as user(cred)
	contains(control.reason, "no active access keys") with input as user(cred)
}

test_one_of_two_keys_stale_fails if {
	cred := object.union(key1("2026-02-28T00:00:00Z", "2025-01-01T00:00:00Z"), {
		"access_key_2_active": true,
		"access_key_2_last_used_date": null,
		"access_key_2_last_rotated": "2025-06-01T00:00:00Z",
	})
	control.status == "FAIL" with input as user(cred)
	contains(control.reason, "access key 2") with input as user(cred)
}

test_no_report_row_skipped if {
	control.status == "SKIPPED" with input as user(null)
	contains(control.reason, "no row") with input as user(null)
}
