package parapet.aws.iam.iam_user_two_active_access_key_test

import rego.v1

import data.parapet.aws.iam.iam_user_two_active_access_key as control

user(k1, k2) := {"resource": {"name": "alice", "attributes": {"credential": {
	"access_key_1_active": k1, "access_key_2_active": k2,
}}}}

test_one_key_passes if {
	control.status == "PASS" with input as user(true, false)
	contains(control.reason, "alice") with input as user(true, false)
}

test_no_keys_passes if control.status == "PASS" with input as user(false, false)

test_two_keys_fail if {
	control.status == "FAIL" with input as user(true, true)
	contains(control.reason, "two active") with input as user(true, true)
}

test_no_report_row_skipped if {
	inp := {"resource": {"name": "alice", "attributes": {"credential": null}}}
	control.status == "SKIPPED" with input as inp
	contains(control.reason, "no row") with input as inp
}
