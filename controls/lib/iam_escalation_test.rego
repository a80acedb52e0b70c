package parapet.lib.iam_escalation_test

import rego.v1

import data.parapet.lib.iam_escalation

doc(statements) := {"Version": "2012-10-17", "Statement": statements}

allow(actions) := {"Effect": "Allow", "Action": actions, "Resource": "*"}

ids(d) := {p.id | some p in iam_escalation.granted_paths(d)}

# --- The table itself ---

test_table_has_the_published_sets if count(iam_escalation.escalation_paths) >= 90

test_ids_are_unique if count({p.id | some p in iam_escalation.escalation_paths}) == count(iam_escalation.escalation_paths)

# Each entry is granted by a policy holding exactly its actions.
test_each_path_matched_by_a_minimal_policy if {
	every path in iam_escalation.escalation_paths {
		path.id in ids(doc([allow(path.actions)]))
	}
}

# Each entry of two or more actions needs all of them: any one missing, it is not granted.
test_each_partial_combination_is_not_matched if {
	every path in iam_escalation.escalation_paths {
		every i, _ in path.actions {
			partial := [a | some j, a in path.actions; j != i]
			not path.id in ids(doc([allow(partial)]))
		}
	}
}

# --- Named combinations from the published lists ---

named_cases := [
	["iam-update-assume-role-policy", ["iam:UpdateAssumeRolePolicy"]],
	["iam-delete-user-permissions-boundary", ["iam:DeleteUserPermissionsBoundary"]],
	["iam-delete-role-permissions-boundary", ["iam:DeleteRolePermissionsBoundary"]],
	["iam-put-user-permissions-boundary", ["iam:PutUserPermissionsBoundary"]],
	["iam-create-policy-version", ["iam:CreatePolicyVersion"]],
	["iam-set-default-policy-version", ["iam:SetDefaultPolicyVersion"]],
	["iam-attach-user-policy", ["iam:AttachUserPolicy"]],
	["lambda-pass-role-create-invoke", ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]],
	["lambda-update-function-code", ["lambda:UpdateFunctionCode"]],
	["lambda-update-function-configuration", ["lambda:UpdateFunctionConfiguration"]],
	["ecs-pass-role-register-run-task", ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"]],
	["ec2-pass-role-run-instances", ["iam:PassRole", "ec2:RunInstances"]],
	["glue-pass-role-create-dev-endpoint", ["iam:PassRole", "glue:CreateDevEndpoint"]],
	["glue-update-dev-endpoint", ["glue:UpdateDevEndpoint"]],
	["cloudformation-pass-role-create-stack", ["iam:PassRole", "cloudformation:CreateStack"]],
	["codebuild-pass-role-create-start", ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"]],
	["sagemaker-pass-role-create-notebook", ["iam:PassRole", "sagemaker:CreateNotebookInstance"]],
	["sagemaker-presigned-notebook-url", ["sagemaker:CreatePresignedNotebookInstanceUrl"]],
	["datapipeline-pass-role-create-define", ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"]],
	["ssm-send-command", ["ssm:SendCommand"]],
	["ssm-start-session", ["ssm:StartSession"]],
]

test_named_combinations_are_found if {
	every case in named_cases {
		case[0] in ids(doc([allow(case[1])]))
	}
}

test_pass_role_alone_is_not_escalation if count(ids(doc([allow(["iam:PassRole"])]))) == 0

test_pass_role_with_register_task_definition_only_is_not_escalation if {
	count(ids(doc([allow(["iam:PassRole", "ecs:RegisterTaskDefinition"])]))) == 0
}

test_lambda_create_without_a_trigger_is_not_escalation if {
	count(ids(doc([allow(["iam:PassRole", "lambda:CreateFunction"])]))) == 0
}

test_read_only_iam_is_not_escalation if count(ids(doc([allow(["iam:Get*", "iam:List*", "sts:GetCallerIdentity"])]))) == 0

# --- Resource scope: sts:AssumeRole counts alone only on every role ---

test_assume_role_on_every_resource_is_escalation if "sts-assume-any-role" in ids(doc([allow("sts:AssumeRole")]))

test_assume_role_on_one_role_is_not if {
	d := doc([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/deploy"}])
	count(ids(d)) == 0
}

# --- Action matching: wildcards, case, NotAction ---

test_iam_wildcard_matches_every_iam_path if {
	found := ids(doc([allow("iam:*")]))
	every id in {"iam-update-assume-role-policy", "iam-create-policy-version", "iam-delete-user-permissions-boundary", "iam-add-user-to-group"} {
		id in found
	}
	not "ec2-pass-role-run-instances" in found
}

test_star_matches_compute_paths if {
	found := ids(doc([allow("*")]))
	"ecs-pass-role-register-run-task" in found
	"datapipeline-pass-role-create-define" in found
	"sts-assume-any-role" in found
	count(found) == count(iam_escalation.escalation_paths)
}

test_partial_wildcards_match if {
	found := ids(doc([allow(["iam:Pass*", "ec2:Run*", "lambda:Update*"])]))
	"ec2-pass-role-run-instances" in found
	"lambda-update-function-code" in found
	"lambda-update-function-configuration" in found
}

test_action_names_are_case_insensitive if "ec2-pass-role-run-instances" in ids(doc([allow(["IAM:passrole", "EC2:RUNINSTANCES"])]))

test_statement_may_be_a_single_object if "iam-create-access-key" in ids({"Statement": allow("iam:CreateAccessKey")})

test_not_action_grants_everything_else if {
	found := ids(doc([{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]))
	"lambda-update-function-code" in found
	"ssm-send-command" in found
	not "iam-create-access-key" in found
	not "ec2-pass-role-run-instances" in found
}

# --- Deny ---

test_unconditional_deny_removes_an_action if {
	d := doc([
		allow(["iam:PassRole", "ec2:RunInstances", "lambda:UpdateFunctionCode"]),
		{"Effect": "Deny", "Action": "ec2:Run*", "Resource": "*"},
	])
	found := ids(d)
	not "ec2-pass-role-run-instances" in found
	"lambda-update-function-code" in found
}

test_deny_of_every_iam_write_leaves_no_iam_path if {
	d := doc([
		allow("iam:*"),
		{"Effect": "Deny", "NotAction": ["iam:Get*", "iam:List*"], "Resource": "*"},
	])
	count(ids(d)) == 0
}

# A Deny that depends on the request is not subtracted (it may not apply).
test_conditional_deny_is_not_subtracted if {
	d := doc([
		allow("ssm:SendCommand"),
		{"Effect": "Deny", "Action": "ssm:SendCommand", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
	])
	"ssm-send-command" in ids(d)
}

test_deny_only_document_grants_nothing if count(ids(doc([{"Effect": "Deny", "Action": "*", "Resource": "*"}]))) == 0

test_missing_document_grants_nothing if count(ids(null)) == 0

# --- Text of findings ---

test_summary_names_the_combination if {
	paths := iam_escalation.granted_paths(doc([allow(["iam:PassRole", "ec2:RunInstances"])]))
	iam_escalation.summary(paths, 8) == "ec2-pass-role-run-instances (iam:PassRole + ec2:RunInstances)"
}

test_summary_is_bounded if {
	paths := iam_escalation.granted_paths(doc([allow("*")]))
	s := iam_escalation.summary(paths, 3)
	endswith(s, sprintf("; and %d more paths", [count(paths) - 3]))
	count(split(s, "; ")) == 4
}
