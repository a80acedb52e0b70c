# Published IAM privilege-escalation paths, kept as data, and the check that a policy
# document grants one of them.
#
# Each entry is a set of actions that, held together, let a principal raise its own
# privileges: write or attach itself a policy, mint credentials for someone else, drop
# its permissions boundary, or hand a more powerful role to (or run code as the role of)
# a compute service it controls. Entries that need an existing resource with a powerful
# role (a Lambda function, a Glue endpoint, an instance with SSM) are kept: whether such a
# resource exists is account state a policy review cannot see, and the published sets
# count them.
#
# Sources (facts only; the table is ours), cited per entry:
#   RSL n   Rhino Security Labs, "AWS IAM Privilege Escalation - Methods and Mitigation"
#           (methods numbered as in the article) and its follow-ups on CodeStar and SageMaker
#   BF      Bishop Fox, "Privilege escalation in AWS" / iam-vulnerable
#   PF X-n  pathfinding.cloud (DataDog), AWS IAM privilege escalation path library
#   PR      Prowler, prowler/providers/aws/services/iam/lib/privilege_escalation.py
#
# Fields: id (stable, used in reasons), actions (all must be allowed), and optionally
# all_resources: actions that count only when allowed on every resource (sts:AssumeRole
# on one named role is ordinary; on `*` it reaches every role that trusts the account).
package parapet.lib.iam_escalation

import rego.v1

import data.parapet.lib.iam

escalation_paths := [
	# --- IAM: rewrite or attach policies, mint credentials, join groups ---
	{"id": "iam-create-policy-version", "actions": ["iam:CreatePolicyVersion"]}, # RSL 1, PR
	{"id": "iam-set-default-policy-version", "actions": ["iam:SetDefaultPolicyVersion"]}, # RSL 2, PR
	{"id": "iam-create-access-key", "actions": ["iam:CreateAccessKey"]}, # RSL 4, PR
	{"id": "iam-create-login-profile", "actions": ["iam:CreateLoginProfile"]}, # RSL 5, PR
	{"id": "iam-update-login-profile", "actions": ["iam:UpdateLoginProfile"]}, # RSL 6, PR
	{"id": "iam-attach-user-policy", "actions": ["iam:AttachUserPolicy"]}, # RSL 7, PR
	{"id": "iam-attach-group-policy", "actions": ["iam:AttachGroupPolicy"]}, # RSL 8, PR
	{"id": "iam-attach-role-policy", "actions": ["iam:AttachRolePolicy"]}, # RSL 9 (a role on itself), PR
	{"id": "iam-put-user-policy", "actions": ["iam:PutUserPolicy"]}, # RSL 10, PR
	{"id": "iam-put-group-policy", "actions": ["iam:PutGroupPolicy"]}, # RSL 11, PR
	{"id": "iam-put-role-policy", "actions": ["iam:PutRolePolicy"]}, # RSL 12 (a role on itself), PR
	{"id": "iam-add-user-to-group", "actions": ["iam:AddUserToGroup"]}, # RSL 13, PR
	# A trust policy naming the caller is enough to assume the role in the same account.
	{"id": "iam-update-assume-role-policy", "actions": ["iam:UpdateAssumeRolePolicy"]}, # RSL 14, PR
	{"id": "iam-delete-user-permissions-boundary", "actions": ["iam:DeleteUserPermissionsBoundary"]}, # PF IAM-022, PR
	{"id": "iam-delete-role-permissions-boundary", "actions": ["iam:DeleteRolePermissionsBoundary"]}, # PF IAM-023 (a role on itself)
	{"id": "iam-put-user-permissions-boundary", "actions": ["iam:PutUserPermissionsBoundary"]}, # BF (replace the boundary with a permissive one)
	{"id": "iam-put-role-permissions-boundary", "actions": ["iam:PutRolePermissionsBoundary"]}, # BF (a role on itself)
	{"id": "iam-create-and-delete-access-key", "actions": ["iam:CreateAccessKey", "iam:DeleteAccessKey"]}, # PR (target already has two keys)
	{"id": "iam-attach-user-policy-create-access-key", "actions": ["iam:AttachUserPolicy", "iam:CreateAccessKey"]}, # PR
	{"id": "iam-put-user-policy-create-access-key", "actions": ["iam:PutUserPolicy", "iam:CreateAccessKey"]}, # PR
	{"id": "iam-attach-role-policy-update-trust", "actions": ["iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"]}, # PR
	{"id": "iam-create-policy-version-update-trust", "actions": ["iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy"]}, # PR
	{"id": "iam-put-role-policy-update-trust", "actions": ["iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"]}, # PR
	# --- STS: assume a role, alone or after changing it ---
	{"id": "sts-assume-any-role", "actions": ["sts:AssumeRole"], "all_resources": ["sts:AssumeRole"]}, # BF (AssumeRole on *), PR (noted)
	{"id": "sts-assume-role-attach-role-policy", "actions": ["sts:AssumeRole", "iam:AttachRolePolicy"]}, # RSL 9, PR
	{"id": "sts-assume-role-put-role-policy", "actions": ["sts:AssumeRole", "iam:PutRolePolicy"]}, # RSL 12, PR
	{"id": "sts-assume-role-update-trust", "actions": ["sts:AssumeRole", "iam:UpdateAssumeRolePolicy"]}, # RSL 14, PR
	{"id": "sts-assume-role-create-policy-version", "actions": ["sts:AssumeRole", "iam:CreatePolicyVersion"]}, # PR
	{"id": "sts-assume-role-delete-role-boundary", "actions": ["sts:AssumeRole", "iam:DeleteRolePermissionsBoundary"]}, # PF IAM-023, PR
	{"id": "sts-assume-role-put-role-boundary", "actions": ["sts:AssumeRole", "iam:PutRolePermissionsBoundary"]}, # BF
	# --- EC2: run or change an instance that carries a role ---
	{"id": "ec2-pass-role-run-instances", "actions": ["iam:PassRole", "ec2:RunInstances"]}, # RSL 3, PR
	{"id": "ec2-pass-role-request-spot-instances", "actions": ["iam:PassRole", "ec2:RequestSpotInstances"]}, # PR
	{"id": "ec2-pass-role-associate-instance-profile", "actions": ["iam:PassRole", "ec2:AssociateIamInstanceProfile"]}, # PF EC2
	{"id": "ec2-pass-role-replace-instance-profile", "actions": ["iam:PassRole", "ec2:ReplaceIamInstanceProfileAssociation"]}, # PF EC2
	{"id": "ec2-modify-user-data-restart", "actions": ["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"]}, # PR (user data runs as the instance role)
	{"id": "ec2-modify-launch-template", "actions": ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"]}, # PR
	{"id": "ec2-instance-connect-ssh-key", "actions": ["ec2-instance-connect:SendSSHPublicKey", "ec2:DescribeInstances"]}, # BF, PR
	# --- Auto Scaling: launch instances with a passed role ---
	{"id": "autoscaling-pass-role-create-group-launch-configuration", "actions": ["iam:PassRole", "autoscaling:CreateAutoScalingGroup", "autoscaling:CreateLaunchConfiguration"]}, # PR
	{"id": "autoscaling-pass-role-update-group-launch-configuration", "actions": ["iam:PassRole", "autoscaling:UpdateAutoScalingGroup", "autoscaling:CreateLaunchConfiguration"]}, # PR
	{"id": "autoscaling-pass-role-create-group-launch-template", "actions": ["iam:PassRole", "autoscaling:CreateAutoScalingGroup", "ec2:CreateLaunchTemplate"]}, # PF AUTOSCALING
	# --- Lambda: create, change or trigger a function that runs as a role ---
	{"id": "lambda-pass-role-create-invoke", "actions": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]}, # RSL 15, PR
	{"id": "lambda-pass-role-create-event-source", "actions": ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"]}, # RSL 16, PR
	{"id": "lambda-pass-role-create-add-permission", "actions": ["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"]}, # PR
	{"id": "lambda-pass-role-create-function-url", "actions": ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateFunctionUrlConfig"]}, # PF LAMBDA
	{"id": "lambda-update-function-code", "actions": ["lambda:UpdateFunctionCode"]}, # RSL 17, PR
	{"id": "lambda-update-function-configuration", "actions": ["lambda:UpdateFunctionConfiguration"]}, # BF (layers, handler), PR
	{"id": "lambda-update-code-invoke", "actions": ["lambda:UpdateFunctionCode", "lambda:InvokeFunction"]}, # PR
	{"id": "lambda-update-code-add-permission", "actions": ["lambda:UpdateFunctionCode", "lambda:AddPermission"]}, # PR
	# --- Glue: dev endpoints, jobs and sessions run as a role ---
	{"id": "glue-pass-role-create-dev-endpoint", "actions": ["iam:PassRole", "glue:CreateDevEndpoint"]}, # RSL 18, PR
	{"id": "glue-update-dev-endpoint", "actions": ["glue:UpdateDevEndpoint"]}, # RSL 19, PR
	{"id": "glue-pass-role-create-job-start-run", "actions": ["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"]}, # PR
	{"id": "glue-pass-role-create-job-trigger", "actions": ["iam:PassRole", "glue:CreateJob", "glue:CreateTrigger"]}, # PR
	{"id": "glue-pass-role-update-job-start-run", "actions": ["iam:PassRole", "glue:UpdateJob", "glue:StartJobRun"]}, # PR
	{"id": "glue-pass-role-update-job-trigger", "actions": ["iam:PassRole", "glue:UpdateJob", "glue:CreateTrigger"]}, # PR
	{"id": "glue-pass-role-session-statement", "actions": ["iam:PassRole", "glue:CreateSession", "glue:RunStatement"]}, # PF GLUE-007, PR
	# --- CloudFormation: stacks act with their service role ---
	{"id": "cloudformation-pass-role-create-stack", "actions": ["iam:PassRole", "cloudformation:CreateStack"]}, # RSL 20, PR
	{"id": "cloudformation-update-stack", "actions": ["cloudformation:UpdateStack"]}, # PR (existing stack with a role)
	{"id": "cloudformation-pass-role-update-stack", "actions": ["iam:PassRole", "cloudformation:UpdateStack"]}, # BF
	{"id": "cloudformation-pass-role-stack-set", "actions": ["iam:PassRole", "cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"]}, # PR
	{"id": "cloudformation-pass-role-update-stack-set", "actions": ["iam:PassRole", "cloudformation:UpdateStackSet"]}, # PR
	{"id": "cloudformation-change-set", "actions": ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"]}, # PR
	# --- Data Pipeline ---
	{"id": "datapipeline-pass-role-create-define", "actions": ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"]}, # RSL 21, PR
	# --- CodeStar ---
	{"id": "codestar-pass-role-create-project", "actions": ["iam:PassRole", "codestar:CreateProject"]}, # RSL (CodeStar), PR
	{"id": "codestar-create-project-from-template", "actions": ["codestar:CreateProjectFromTemplate"]}, # RSL (CodeStar)
	{"id": "codestar-create-project-associate-member", "actions": ["codestar:CreateProject", "codestar:AssociateTeamMember"]}, # RSL (CodeStar)
	# --- CodeBuild: builds run as the project's service role ---
	{"id": "codebuild-pass-role-create-start", "actions": ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"]}, # BF, PR
	{"id": "codebuild-pass-role-create-start-batch", "actions": ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuildBatch"]}, # PR
	{"id": "codebuild-pass-role-update-start", "actions": ["iam:PassRole", "codebuild:UpdateProject", "codebuild:StartBuild"]}, # PF CODEBUILD
	{"id": "codebuild-start-build", "actions": ["codebuild:StartBuild"]}, # PR (buildspec override on an existing project)
	{"id": "codebuild-start-build-batch", "actions": ["codebuild:StartBuildBatch"]}, # PR
	# --- ECS: tasks run with a task role ---
	{"id": "ecs-pass-role-register-run-task", "actions": ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"]}, # BF, PR
	{"id": "ecs-pass-role-register-start-task", "actions": ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:StartTask"]}, # PR
	{"id": "ecs-pass-role-register-create-service", "actions": ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"]}, # BF, PR
	{"id": "ecs-pass-role-register-update-service", "actions": ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:UpdateService"]}, # PF ECS
	{"id": "ecs-pass-role-run-task", "actions": ["iam:PassRole", "ecs:RunTask"]}, # PR (task role override)
	{"id": "ecs-pass-role-start-task", "actions": ["iam:PassRole", "ecs:StartTask"]}, # PF ECS-009, PR
	{"id": "ecs-pass-role-container-instance", "actions": ["iam:PassRole", "ecs:StartTask", "ecs:RegisterContainerInstance", "ecs:DeregisterContainerInstance"]}, # PR
	{"id": "ecs-execute-command", "actions": ["ecs:ExecuteCommand", "ecs:DescribeTasks"]}, # PR
	# --- SageMaker: notebooks and jobs run as their execution role ---
	{"id": "sagemaker-pass-role-create-notebook", "actions": ["iam:PassRole", "sagemaker:CreateNotebookInstance"]}, # RSL (SageMaker), PR
	{"id": "sagemaker-pass-role-create-notebook-presigned-url", "actions": ["iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"]}, # RSL (SageMaker)
	{"id": "sagemaker-presigned-notebook-url", "actions": ["sagemaker:CreatePresignedNotebookInstanceUrl"]}, # RSL (SageMaker), PR
	{"id": "sagemaker-pass-role-training-job", "actions": ["iam:PassRole", "sagemaker:CreateTrainingJob"]}, # PR
	{"id": "sagemaker-pass-role-processing-job", "actions": ["iam:PassRole", "sagemaker:CreateProcessingJob"]}, # PR
	{"id": "sagemaker-notebook-lifecycle-config", "actions": ["sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:StopNotebookInstance", "sagemaker:UpdateNotebookInstance", "sagemaker:StartNotebookInstance"]}, # PR
	# --- SSM: run commands on instances that carry a role ---
	{"id": "ssm-send-command", "actions": ["ssm:SendCommand"]}, # BF, PR
	{"id": "ssm-start-session", "actions": ["ssm:StartSession"]}, # BF, PR
	{"id": "ssm-pass-role-automation", "actions": ["iam:PassRole", "ssm:CreateDocument", "ssm:StartAutomationExecution"]}, # PF SSM-003, PR
	# --- Other services that run code as a passed role ---
	{"id": "apprunner-pass-role-create-service", "actions": ["iam:PassRole", "apprunner:CreateService"]}, # PR
	{"id": "apprunner-update-service", "actions": ["apprunner:UpdateService"]}, # PR
	{"id": "batch-pass-role-register-submit", "actions": ["iam:PassRole", "batch:RegisterJobDefinition", "batch:SubmitJob"]}, # PF BATCH-001, PR
	{"id": "batch-submit-job", "actions": ["batch:SubmitJob"]}, # PF BATCH-002, PR
	{"id": "braket-pass-role-create-job", "actions": ["iam:PassRole", "braket:CreateJob"]}, # PF BRAKET-001, PR
	{"id": "codedeploy-create-deployment", "actions": ["codedeploy:CreateDeployment", "codedeploy:RegisterApplicationRevision", "codedeploy:GetDeploymentConfig"]}, # PF CODEDEPLOY-001, PR
	{"id": "cognito-pass-role-identity-pool-roles", "actions": ["iam:PassRole", "cognito-identity:SetIdentityPoolRoles"]}, # PF COGNITOIDENTITY-001, PR
	{"id": "emr-pass-role-run-job-flow", "actions": ["iam:PassRole", "elasticmapreduce:RunJobFlow"]}, # PF EMR-001, PR
	{"id": "emr-serverless-pass-role-application", "actions": ["iam:PassRole", "emr-serverless:CreateApplication", "emr-serverless:StartJobRun"]}, # PF EMRSERVERLESS-001, PR
	{"id": "gamelift-pass-role-fleet", "actions": ["iam:PassRole", "gamelift:CreateBuild", "gamelift:CreateFleet", "gamelift:RequestUploadCredentials"]}, # PF GAMELIFT-001, PR
	{"id": "imagebuilder-pass-role-image", "actions": ["iam:PassRole", "imagebuilder:CreateComponent", "imagebuilder:CreateImageRecipe", "imagebuilder:CreateInfrastructureConfiguration", "imagebuilder:CreateImage"]}, # PF IMAGEBUILDER-001, PR
	{"id": "kinesisanalytics-pass-role-application", "actions": ["iam:PassRole", "kinesisanalytics:CreateApplication", "kinesisanalytics:StartApplication"]}, # PF KINESISANALYTICS-001, PR
	{"id": "omics-pass-role-workflow", "actions": ["iam:PassRole", "omics:CreateWorkflow", "omics:StartRun", "s3:GetObject"]}, # PF OMICS-001, PR
	{"id": "scheduler-pass-role-create-schedule", "actions": ["iam:PassRole", "scheduler:CreateSchedule"]}, # PF SCHEDULER-001, PR
	{"id": "states-pass-role-create-state-machine", "actions": ["iam:PassRole", "states:CreateStateMachine", "states:StartExecution"]}, # PF STEPFUNCTIONS-001, PR
	{"id": "states-update-state-machine", "actions": ["states:UpdateStateMachine", "states:StartExecution"]}, # PF STEPFUNCTIONS-002, PR
	{"id": "sso-permission-set-assignment", "actions": ["sso:CreatePermissionSet", "sso:CreateAccountAssignment", "sso:AttachManagedPolicyToPermissionSet"]}, # PF SSO-001, PR
	{"id": "sso-attach-managed-policy", "actions": ["sso:AttachManagedPolicyToPermissionSet"]}, # PF SSO-002, PR
	{"id": "sso-put-inline-policy", "actions": ["sso:PutInlinePolicyToPermissionSet"]}, # PF SSO-003, PR
	{"id": "agentcore-pass-role-code-interpreter", "actions": ["iam:PassRole", "bedrock-agentcore:CreateCodeInterpreter", "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"]}, # PR
	{"id": "agentcore-code-interpreter-session", "actions": ["bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"]}, # PR
]

# Every action the table names, once, in lower case (IAM action names are case-insensitive).
table_actions := {lower(a) | some path in escalation_paths; some a in path.actions}

# The table's actions the document allows on some resource, after unconditional Denies
# (the library's action matching: wildcards, case, NotAction).
granted_actions(doc) := {a | some a in table_actions; iam.allows_action(doc, a)}

# The document allows `action` through a statement that covers every resource.
allows_on_all_resources(doc, action) if {
	some st in iam.statements(doc)
	iam.allows(st)
	iam.covers_all_resources(st)
	iam.statement_covers_action(st, action)
	not iam.denied(doc, action)
}

path_granted(path, granted, doc) if {
	every a in path.actions {
		lower(a) in granted
	}
	every a in object.get(path, "all_resources", []) {
		allows_on_all_resources(doc, a)
	}
}

# The escalation paths the document grants in full, as table entries.
granted_paths(doc) := paths if {
	granted := granted_actions(doc)
	paths := [path | some path in escalation_paths; path_granted(path, granted, doc)]
}

# A path as text for a finding: `id (a + b)`.
describe(path) := sprintf("%s (%s)", [path.id, concat(" + ", path.actions)])

# At most `limit` paths spelled out, then a count of the rest, so `iam:*` stays readable.
summary(paths, limit) := concat("; ", [describe(p) | some p in paths]) if count(paths) <= limit

summary(paths, limit) := sprintf("%s; and %d more paths", [
	concat("; ", [describe(p) | some p in array.slice(paths, 0, limit)]),
	count(paths) - limit,
]) if count(paths) > limit
