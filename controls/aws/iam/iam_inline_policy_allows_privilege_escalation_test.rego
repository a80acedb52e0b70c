package parapet.aws.iam.iam_inline_policy_allows_privilege_escalation_test

import rego.v1

import data.parapet.aws.iam.iam_inline_policy_allows_privilege_escalation as control

policy(doc) := {"resource": {"name": "app/inline", "attributes": {
	"PolicyName": "inline", "PolicyDocument": doc,
	"principal_type": "role", "principal_name": "app", "principal_arn": "arn:aws:iam::111122223333:role/app",
}}}

doc(statements) := {"Version": "2012-10-17", "Statement": statements}

test_create_policy_version_fails if {
	inp := policy(doc([{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "*"}]))
	control.status == "FAIL" with input as inp
	control.reason == "inline policy inline of role app lets its holder escalate privileges through iam-create-policy-version (iam:CreatePolicyVersion)" with input as inp
}

test_pass_role_and_run_instances_fails if {
	st := [{"Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*"}]
	control.status == "FAIL" with input as policy(doc(st))
	control.reason == "inline policy inline of role app lets its holder escalate privileges through ec2-pass-role-run-instances (iam:PassRole + ec2:RunInstances)" with input as policy(doc(st))
}

test_update_assume_role_policy_alone_fails if control.status == "FAIL" with input as policy(doc([{"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "arn:aws:iam::111122223333:role/admin"}]))

test_pass_role_register_task_definition_and_run_task_fails if {
	st := [{"Effect": "Allow", "Action": ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"], "Resource": "*"}]
	control.status == "FAIL" with input as policy(doc(st))
}

test_pass_role_and_register_task_definition_only_passes if {
	st := [{"Effect": "Allow", "Action": ["iam:PassRole", "ecs:RegisterTaskDefinition"], "Resource": "*"}]
	control.status == "PASS" with input as policy(doc(st))
}

test_star_fails_with_a_bounded_reason if {
	inp := policy(doc([{"Effect": "Allow", "Action": "*", "Resource": "*"}]))
	control.status == "FAIL" with input as inp
	regex.match(`; and [0-9]+ more paths$`, control.reason) with input as inp
}

test_iam_wildcard_fails if control.status == "FAIL" with input as policy(doc({"Effect": "Allow", "Action": "iam:*", "Resource": "*"}))


test_pass_role_alone_passes if control.status == "PASS" with input as policy(doc([{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/worker"}]))

test_denied_escalation_passes if {
	st := [
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Deny", "Action": ["iam:Create*", "iam:Put*", "iam:Attach*", "iam:Update*", "iam:Delete*", "iam:SetDefaultPolicyVersion", "iam:AddUserToGroup", "iam:PassRole"], "Resource": "*"},
	]
	inp := policy(doc(st))
	control.status == "PASS" with input as inp
	control.reason == "inline policy inline of role app contains no known privilege-escalation path" with input as inp
}

test_read_only_passes if control.status == "PASS" with input as policy(doc([{"Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"}]))

test_missing_document_decides_nothing if not control.status with input as {"resource": {"name": "x", "attributes": {"PolicyName": "x", "PolicyDocument": null}}}
