package parapet.aws.account.account_security_questions_are_registered_in_the_aws_account_test

import rego.v1

import data.parapet.aws.account.account_security_questions_are_registered_in_the_aws_account as control

test_always_info if {
	inp := {"resource": {"name": "123456789012", "attributes": {}}}
	control.status == "INFO" with input as inp
	contains(control.reason, "123456789012") with input as inp
}
