package parapet.aws.iam.iam_user_console_access_unused_test

import rego.v1

import data.parapet.aws.iam.iam_user_console_access_unused as control

user(cred) := {"now": "2026-03-01T00:00:00Z", "resource": {"name": "alice", "attributes": {"credential": cred}}}

console(last_used) := {
	"password_enabled": true,
	"password_last_used": last_used,
	"password_last_changed": "2024-01-01T00:00:00Z",
	"user_creation_time": "2024-01-01T00:00:00Z",
}

test_recent_sign_in_passes if {
	control.status == "PASS" with input as user(console("2026-02-27T08:00:00Z"))
	contains(control.reason, "alice") with input as user(console("2026-02-27T08:00:00Z"))
}

test_old_sign_in_fails if {
	inp := user(console("2025-12-01T00:00:00Z"))
	control.status == "FAIL" with input as inp
	contains(control.reason, "2025-12-01") with input as inp
}

test_never_used_old_password_fails if {
	control.status == "FAIL" with input as user(console(null))
	contains(control.reason, "never been used") with input as user(console(null))
}

test_new_user_never_signed_in_passes if {
	cred := object.union(console(null), {"user_creation_time": "2026-02-20T00:00:00Z", "password_last_changed": "2026-02-20T00:00:00Z"})
	control.status == "PASS" with input as user(cred)
}

test_old_user_with_new_password_passes if {
	cred := object.union(console(null), {"password_last_changed": "2026-02-25T00:00:00Z"})
	control.status == "PASS" with input as user(cred)
}

test_no_password_skipped if {
	cred := {"password_enabled": false, "password_last_used": "2020-01-01T00:00:00Z"}
	control.status == "SKIPPED" with input as user(cred)
	contains(control.reason, "no console password") with input as user(cred)
}

test_no_report_row_skipped if {
	control.status == "SKIPPED" with input as user(null)
	contains(control.reason, "no row") with input as user(null)
}
