package parapet.aws.iam.iam_user_no_setup_initial_access_key_test

import rego.v1

import data.parapet.aws.iam.iam_user_no_setup_initial_access_key as control

user(cred) := {"resource": {"name": "alice", "attributes": {"credential": cred}}}

base := {
	"password_enabled": true,
	"access_key_1_active": false, "access_key_1_last_used_date": null, "access_key_1_last_rotated": null,
	"access_key_2_active": false, "access_key_2_last_used_date": null, "access_key_2_last_rotated": null,
}

test_no_keys_passes if {
	control.status == "PASS" with input as user(base)
	contains(control.reason, "alice") with input as user(base)
}

test_used_key_passes if {
	cred := object.union(base, {"access_key_1_active": true, "access_key_1_last_used_date": "2026-01-01T00:00:00Z"})
	control.status == "PASS" with input as user(cred)
}

test_never_used_key_fails if {
	cred := object.union(base, {"access_key_2_active": true, "access_key_2_last_rotated": "2025-01-01T00:00:00Z"})
	control.status == "FAIL" with input as user(cred)
	contains(control.reason, "access key 2") with input as user(cred)
}

# A deactivated key that was never used is harmless.
test_inactive_never_used_key_passes if {
	control.status == "PASS" with input as user(object.union(base, {"access_key_1_active": false}))
}

test_programmatic_user_skipped if {
	cred := object.union(base, {"password_enabled": false, "access_key_1_active": true})
	control.status == "SKIPPED" with input as user(cred)
	contains(control.reason, "no console password") with input as user(cred)
}

test_no_report_row_skipped if {
	control.status == "SKIPPED" with input as user(null)
	contains(control.reason, "no row") with input as user(null)
}
