package parapet.aws.iam.iam_root_mfa_enabled_test

import rego.v1

import data.parapet.aws.iam.iam_root_mfa_enabled as control

settings(mfa) := {"resource": {"name": "123456789012", "attributes": {"root": {"mfa_active": mfa, "password_enabled": true}}}}

test_mfa_passes if {
	control.status == "PASS" with input as settings(true)
	contains(control.reason, "123456789012") with input as settings(true)
}

test_no_mfa_fails if {
	control.status == "FAIL" with input as settings(false)
	contains(control.reason, "no MFA") with input as settings(false)
}

test_missing_root_row_does_not_pass if not control.status with input as {"resource": {"name": "a", "attributes": {"root": null}}}
