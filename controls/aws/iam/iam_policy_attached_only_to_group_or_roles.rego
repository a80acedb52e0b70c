# METADATA
# title: IAM users receive permissions only through groups or roles
# description: |
#   Permissions attached directly to users, as managed or inline policies, are hard
#   to review and tend to linger after a person's job changes. CIS asks that users
#   get their permissions from group membership (or assumed roles) instead.
# custom:
#   id: iam_policy_attached_only_to_group_or_roles
#   severity: low
#   service: iam
#   resource_type: AWS::IAM::User
#   requires: [attached_policies, inline_policies]
#   risk: Per-user grants accumulate unnoticed, leaving people with more access than their role needs.
#   remediation:
#     text: Put the user in a group that carries the permissions it needs, then detach its managed policies and delete its inline policies.
#     cli: aws iam detach-user-policy --user-name USER --policy-arn ARN && aws iam delete-user-policy --user-name USER --policy-name NAME
#     terraform: |
#       resource "aws_iam_user_group_membership" "this" {
#         user   = aws_iam_user.this.name
#         groups = [aws_iam_group.developers.name]
#       }
package parapet.aws.iam.iam_policy_attached_only_to_group_or_roles

import rego.v1

import data.parapet.lib.util

attrs := input.resource.attributes

direct := array.concat(
	[p.PolicyName | some p in util.as_list(attrs.attached_policies)],
	[p.PolicyName | some p in util.as_list(attrs.inline_policies)],
)

status := "FAIL" if count(direct) > 0

status := "PASS" if {
	attrs.attached_policies == []
	attrs.inline_policies == []
}

reason := sprintf("user %s has policies attached directly: %s", [input.resource.name, concat(", ", direct)]) if status == "FAIL"

reason := sprintf("user %s has no policies attached directly", [input.resource.name]) if status == "PASS"
