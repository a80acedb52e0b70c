package parapet.aws.iam.iam_user_mfa_enabled_console_access_test

import rego.v1

import data.parapet.aws.iam.iam_user_mfa_enabled_console_access as control

user(cred) := {"resource": {"name": "alice", "attributes": {"UserName": "alice", "credential": cred}}}

test_password_with_mfa_passes if {
	inp := user({"password_enabled": true, "mfa_active": true})
	control.status == "PASS" with input as inp
	contains(control.reason, "alice") with input as inp
}

test_password_without_mfa_fails if {
	inp := user({"password_enabled": true, "mfa_active": false})
	control.status == "FAIL" with input as inp
	contains(control.reason, "no MFA") with input as inp
}

test_programmatic_user_skipped if {
	inp := user({"password_enabled": false, "mfa_active": false})
	control.status == "SKIPPED" with input as inp
	contains(control.reason, "no console password") with input as inp
}

test_no_report_row_skipped if {
	control.status == "SKIPPED" with input as user(null)
	contains(control.reason, "no row") with input as user(null)
}
