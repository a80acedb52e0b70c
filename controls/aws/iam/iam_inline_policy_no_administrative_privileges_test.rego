package parapet.aws.iam.iam_inline_policy_no_administrative_privileges_test

import rego.v1

import data.parapet.aws.iam.iam_inline_policy_no_administrative_privileges as control

policy(doc) := {"resource": {"name": "app/inline", "attributes": {
	"PolicyName": "inline", "PolicyDocument": doc,
	"principal_type": "role", "principal_name": "app", "principal_arn": "arn:aws:iam::111122223333:role/app",
}}}

doc(statements) := {"Version": "2012-10-17", "Statement": statements}

test_star_on_star_fails if {
	inp := policy(doc([{"Effect": "Allow", "Action": "*", "Resource": "*"}]))
	control.status == "FAIL" with input as inp
	control.reason == "inline policy inline of role app grants full administrative privileges (all actions on all resources)" with input as inp
}

test_not_action_fails if control.status == "FAIL" with input as policy(doc({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}))

test_conditional_admin_still_fails if control.status == "FAIL" with input as policy(doc([{"Effect": "Allow", "Action": "*:*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]))


test_scoped_passes if {
	inp := policy(doc([{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}]))
	control.status == "PASS" with input as inp
	control.reason == "inline policy inline of role app does not grant all actions on all resources" with input as inp
}

test_deny_star_passes if control.status == "PASS" with input as policy(doc([{"Effect": "Deny", "Action": "*", "Resource": "*"}]))

test_missing_document_decides_nothing if not control.status with input as {"resource": {"name": "x", "attributes": {"PolicyName": "x", "PolicyDocument": null}}}

test_admin_cancelled_by_deny_of_everything_passes if {
	control.status == "PASS" with input as policy(doc([
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "*", "Resource": "*"},
	]))
}

test_admin_with_partial_deny_fails if {
	control.status == "FAIL" with input as policy(doc([
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:*", "Resource": "*"},
	]))
}

test_admin_on_arn_star_fails if control.status == "FAIL" with input as policy(doc([{"Effect": "Allow", "Action": "*", "Resource": "arn:*"}]))
