# METADATA
# title: No IAM user has AdministratorAccess attached directly
# description: |
#   Checks the managed policies attached directly to each IAM user for the AWS-managed
#   AdministratorAccess policy. Administration should be a role assumed when needed (with
#   MFA and a session limit), not a standing right of a long-lived user. Membership of
#   groups that hold it is judged by the policy and group controls, not here.
# custom:
#   id: iam_user_administrator_access_policy
#   severity: high
#   service: iam
#   resource_type: AWS::IAM::User
#   requires: [attached_policies]
#   risk: Stolen user credentials (a leaked access key, a phished password) give immediate and lasting full control of the account.
#   remediation:
#     text: Detach AdministratorAccess from the user and let administrators assume an admin role (or use IAM Identity Center permission sets) with MFA.
#     cli: aws iam detach-user-policy --user-name USER --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
#     terraform: |
#       resource "aws_iam_role_policy_attachment" "admin" {
#         role       = aws_iam_role.admin.name
#         policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
#       }
package parapet.aws.iam.iam_user_administrator_access_policy

import rego.v1

import data.parapet.lib.util

attached := input.resource.attributes.attached_policies

admin_attachments := [p |
	some p in util.as_list(attached)
	regex.match(`^arn:[a-z-]+:iam::aws:policy/AdministratorAccess$`, p.PolicyArn)
]

status := "FAIL" if {
	is_array(attached)
	count(admin_attachments) > 0
}

status := "PASS" if {
	is_array(attached)
	count(admin_attachments) == 0
}

reason := sprintf("IAM user %s has AdministratorAccess attached directly", [input.resource.name]) if status == "FAIL"

reason := sprintf("IAM user %s has no AdministratorAccess attached directly", [input.resource.name]) if status == "PASS"
