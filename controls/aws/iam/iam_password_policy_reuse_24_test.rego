package parapet.aws.iam.iam_password_policy_reuse_24_test

import rego.v1

import data.parapet.aws.iam.iam_password_policy_reuse_24 as control

settings(policy) := {"resource": {"name": "123456789012", "attributes": {"password_policy": policy}}}

test_24_passes if {
	control.status == "PASS" with input as settings({"MinimumPasswordLength": 14, "PasswordReusePrevention": 24})
	contains(control.reason, "123456789012") with input as settings({"PasswordReusePrevention": 24})
}

test_5_fails if {
	control.status == "FAIL" with input as settings({"PasswordReusePrevention": 5})
	contains(control.reason, "5") with input as settings({"PasswordReusePrevention": 5})
}

test_reuse_prevention_off_fails if control.status == "FAIL" with input as settings({"MinimumPasswordLength": 14})

test_no_policy_fails if {
	control.status == "FAIL" with input as settings(null)
	contains(control.reason, "no IAM password policy") with input as settings(null)
}

test_absent_attribute_does_not_pass if not control.status with input as {"resource": {"name": "a", "attributes": {}}}
