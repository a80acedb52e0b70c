package parapet.aws.iam.iam_password_policy_expires_passwords_within_90_days_or_less_test

import rego.v1

import data.parapet.aws.iam.iam_password_policy_expires_passwords_within_90_days_or_less as control

settings(policy) := {"resource": {"name": "123456789012", "attributes": {"password_policy": policy}}}

test_90_days_passes if {
	control.status == "PASS" with input as settings({"MaxPasswordAge": 90, "ExpirePasswords": true})
	control.reason == "account 123456789012 makes IAM passwords expire after 90 days" with input as settings({"MaxPasswordAge": 90})
}

test_30_days_passes if control.status == "PASS" with input as settings({"MaxPasswordAge": 30})

test_91_days_fails if {
	control.status == "FAIL" with input as settings({"MaxPasswordAge": 91})
	control.reason == "account 123456789012 lets IAM passwords live 91 days, more than 90" with input as settings({"MaxPasswordAge": 91})
}

test_no_max_age_fails if {
	control.status == "FAIL" with input as settings({"MinimumPasswordLength": 14, "ExpirePasswords": false})
	contains(control.reason, "never expire") with input as settings({"MinimumPasswordLength": 14})
}

test_no_policy_fails if control.status == "FAIL" with input as settings(null)

test_absent_attribute_does_not_pass if not control.status with input as {"resource": {"name": "a", "attributes": {}}}
