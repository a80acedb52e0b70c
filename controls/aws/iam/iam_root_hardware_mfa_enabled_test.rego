package parapet.aws.iam.iam_root_hardware_mfa_enabled_test

import rego.v1

import data.parapet.aws.iam.iam_root_hardware_mfa_enabled as control

settings(mfa, virtual) := {"resource": {"name": "123456789012", "attributes": {
	"root": {"mfa_active": mfa},
	"root_virtual_mfa": virtual,
}}}

test_hardware_passes if {
	control.status == "PASS" with input as settings(true, false)
	contains(control.reason, "123456789012") with input as settings(true, false)
}

test_virtual_fails if {
	control.status == "FAIL" with input as settings(true, true)
	contains(control.reason, "virtual") with input as settings(true, true)
}

test_no_mfa_fails if {
	control.status == "FAIL" with input as settings(false, false)
	contains(control.reason, "no MFA") with input as settings(false, false)
}

# A leftover virtual device that is not active still means no MFA.
test_inactive_virtual_device_fails if control.status == "FAIL" with input as settings(false, true)

test_unknown_virtual_flag_does_not_pass if {
	not control.status with input as {"resource": {"name": "a", "attributes": {"root": {"mfa_active": true}}}}
}
