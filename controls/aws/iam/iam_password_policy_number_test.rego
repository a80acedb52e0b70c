package parapet.aws.iam.iam_password_policy_number_test

import rego.v1

import data.parapet.aws.iam.iam_password_policy_number as control

settings(policy) := {"resource": {"name": "123456789012", "attributes": {"password_policy": policy}}}

test_required_passes if {
	inp := settings({"MinimumPasswordLength": 14, "RequireNumbers": true})
	control.status == "PASS" with input as inp
	control.reason == "account 123456789012 requires IAM passwords to contain a number" with input as inp
}

test_not_required_fails if {
	inp := settings({"MinimumPasswordLength": 14, "RequireNumbers": false})
	control.status == "FAIL" with input as inp
	control.reason == "account 123456789012 does not require IAM passwords to contain a number" with input as inp
}

test_field_absent_fails if control.status == "FAIL" with input as settings({"MinimumPasswordLength": 14})

test_no_policy_fails if {
	control.status == "FAIL" with input as settings(null)
	contains(control.reason, "no IAM password policy") with input as settings(null)
}

test_absent_attribute_does_not_pass if not control.status with input as {"resource": {"name": "a", "attributes": {}}}
