package parapet.aws.iam.iam_policy_allows_privilege_escalation_test

import rego.v1

import data.parapet.aws.iam.iam_policy_allows_privilege_escalation as control

policy(doc) := {"resource": {"name": "deploy", "attributes": {"aws_managed": false, "AttachmentCount": 2, "document": doc}}}

doc(statements) := {"Version": "2012-10-17", "Statement": statements}

test_pass_role_and_cloudformation_fails if {
	inp := policy(doc([{"Effect": "Allow", "Action": ["iam:PassRole", "cloudformation:CreateStack"], "Resource": "*"}]))
	control.status == "FAIL" with input as inp
	control.reason == "customer-managed policy deploy (attached to 2 identities) lets its holders escalate privileges through cloudformation-pass-role-create-stack (iam:PassRole + cloudformation:CreateStack)" with input as inp
}

test_not_action_leaving_ssm_in_fails if control.status == "FAIL" with input as policy(doc([{"Effect": "Allow", "NotAction": ["iam:*", "sts:*"], "Resource": "*"}]))

test_denied_action_passes if {
	st := [
		{"Effect": "Allow", "Action": ["iam:PassRole", "glue:CreateDevEndpoint"], "Resource": "*"},
		{"Effect": "Deny", "Action": "glue:*", "Resource": "*"},
	]
	inp := policy(doc(st))
	control.status == "PASS" with input as inp
	control.reason == "customer-managed policy deploy contains no known privilege-escalation path" with input as inp
}

test_partial_combination_passes if control.status == "PASS" with input as policy(doc([{"Effect": "Allow", "Action": ["iam:PassRole", "codebuild:CreateProject"], "Resource": "*"}]))

test_aws_managed_is_skipped if {
	inp := {"resource": {"name": "IAMFullAccess", "attributes": {"aws_managed": true, "document": doc([{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}])}}}
	control.status == "SKIPPED" with input as inp
}

test_missing_document_decides_nothing if not control.status with input as {"resource": {"name": "p", "attributes": {"aws_managed": false, "document": null}}}
