package parapet.aws.iam.iam_password_policy_minimum_length_14_test

import rego.v1

import data.parapet.aws.iam.iam_password_policy_minimum_length_14 as control

settings(policy) := {"resource": {"name": "123456789012", "attributes": {"password_policy": policy}}}

test_14_passes if {
	control.status == "PASS" with input as settings({"MinimumPasswordLength": 14})
	contains(control.reason, "123456789012") with input as settings({"MinimumPasswordLength": 14})
}

test_longer_passes if control.status == "PASS" with input as settings({"MinimumPasswordLength": 32, "RequireSymbols": true})

test_13_fails if {
	control.status == "FAIL" with input as settings({"MinimumPasswordLength": 13})
	contains(control.reason, "13") with input as settings({"MinimumPasswordLength": 13})
}

test_no_policy_fails if {
	control.status == "FAIL" with input as settings(null)
	contains(control.reason, "no IAM password policy") with input as settings(null)
}

test_policy_without_length_fails if control.status == "FAIL" with input as settings({"RequireSymbols": true})

test_absent_attribute_does_not_pass if not control.status with input as {"resource": {"name": "a", "attributes": {}}}
