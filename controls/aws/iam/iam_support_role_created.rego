# METADATA
# title: An IAM role can manage AWS Support cases
# description: |
#   CIS asks for a role with the AWSSupportAccess managed policy so that incidents
#   can be raised and followed with AWS Support without using the root user or
#   granting broad rights. Attaching the policy to users or groups does not count:
#   the requirement is a role people assume.
# custom:
#   id: iam_support_role_created
#   severity: low
#   service: iam
#   resource_type: Parapet::Account::Settings
#   requires: [support_role]
#   risk: During an incident nobody can open or read support cases without root or over-privileged credentials, which slows the response.
#   remediation:
#     text: Create an IAM role that your incident responders can assume and attach the AWS managed policy AWSSupportAccess to it.
#     cli: aws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess
#     cloudformation: |
#       SupportRole:
#         Type: AWS::IAM::Role
#         Properties:
#           RoleName: aws-support
#           AssumeRolePolicyDocument:
#             Version: "2012-10-17"
#             Statement:
#               - Effect: Allow
#                 Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"}
#                 Action: sts:AssumeRole
#           ManagedPolicyArns:
#             - arn:aws:iam::aws:policy/AWSSupportAccess
#     terraform: |
#       resource "aws_iam_role_policy_attachment" "support" {
#         role       = aws_iam_role.support.name
#         policy_arn = "arn:aws:iam::aws:policy/AWSSupportAccess"
#       }
package parapet.aws.iam.iam_support_role_created

import rego.v1

import data.parapet.lib.util

support := input.resource.attributes.support_role

roles := util.as_list(support.roles)

others := array.concat(util.as_list(support.users), util.as_list(support.groups))

status := "PASS" if {
	is_object(support)
	count(roles) > 0
}

status := "FAIL" if {
	is_object(support)
	count(roles) == 0
}

reason := sprintf("account %s has AWSSupportAccess attached to role(s) %s", [input.resource.name, concat(", ", roles)]) if status == "PASS"

reason := sprintf("account %s has no role with AWSSupportAccess; it is attached only to users or groups (%s)", [input.resource.name, concat(", ", others)]) if {
	status == "FAIL"
	count(others) > 0
}

reason := sprintf("account %s has no role with the AWSSupportAccess policy attached", [input.resource.name]) if {
	status == "FAIL"
	count(others) == 0
}
