package parapet.aws.iam.iam_no_root_access_key_test

import rego.v1

import data.parapet.aws.iam.iam_no_root_access_key as control

settings(k1, k2) := {"resource": {"name": "123456789012", "attributes": {"root": {
	"password_enabled": true, "mfa_active": true,
	"access_key_1_active": k1, "access_key_2_active": k2,
}}}}

test_no_keys_passes if {
	control.status == "PASS" with input as settings(false, false)
	contains(control.reason, "123456789012") with input as settings(false, false)
}

test_first_key_fails if {
	control.status == "FAIL" with input as settings(true, false)
	contains(control.reason, "active access key") with input as settings(true, false)
}

test_second_key_only_fails if control.status == "FAIL" with input as settings(false, true)

# Without a root row the control must not claim a pass.
test_missing_root_row_does_not_pass if {
	not control.status with input as {"resource": {"name": "a", "attributes": {"root": null}}}
}
