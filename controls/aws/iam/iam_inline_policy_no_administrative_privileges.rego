# METADATA
# title: No inline IAM policy grants full administrative privileges
# description: |
#   Checks every inline policy of users, roles and groups for a statement allowing every
#   action on every resource (including through NotAction or NotResource). Inline policies
#   escape the reviews managed policies get, which makes a hidden admin grant likely to last.
# custom:
#   id: iam_inline_policy_no_administrative_privileges
#   severity: high
#   service: iam
#   resource_type: Parapet::IAM::InlinePolicy
#   requires: [PolicyDocument, PolicyName, principal_name, principal_type]
#   risk: The identity embedding the policy can do anything in the account, so its compromise is a full account compromise.
#   remediation:
#     text: Delete the inline policy and attach a scoped managed policy instead; keep full administration to a few break-glass roles.
#     cli: aws iam delete-role-policy --role-name ROLE --policy-name NAME
#     terraform: |
#       data "aws_iam_policy_document" "scoped" {
#         statement {
#           actions   = ["s3:GetObject"]
#           resources = ["arn:aws:s3:::example-bucket/*"]
#         }
#       }
package parapet.aws.iam.iam_inline_policy_no_administrative_privileges

import rego.v1

import data.parapet.lib.iam

attrs := input.resource.attributes

findings := iam.admin_statements(attrs.PolicyDocument)

status := "FAIL" if {
	is_object(attrs.PolicyDocument)
	count(findings) > 0
}

status := "PASS" if {
	is_object(attrs.PolicyDocument)
	count(findings) == 0
}

owner := sprintf("%s %s", [object.get(attrs, "principal_type", "identity"), object.get(attrs, "principal_name", "?")])

reason := sprintf("inline policy %s of %s grants full administrative privileges (all actions on all resources)", [object.get(attrs, "PolicyName", input.resource.name), owner]) if status == "FAIL"

reason := sprintf("inline policy %s of %s does not grant all actions on all resources", [object.get(attrs, "PolicyName", input.resource.name), owner]) if status == "PASS"
