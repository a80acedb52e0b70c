# METADATA
# title: Inline IAM policies do not allow unrestricted Marketplace subscriptions
# description: |
#   Checks that the policy does not allow aws-marketplace:Subscribe (directly or through a
#   wildcard) on all products without a Condition, such as one on aws-marketplace:ProductId,
#   limiting subscriptions to approved software.
# custom:
#   id: iam_inline_policy_no_wildcard_marketplace_subscribe
#   severity: medium
#   service: iam
#   resource_type: Parapet::IAM::InlinePolicy
#   requires: [PolicyDocument, PolicyName, principal_name, principal_type]
#   risk: Holders can subscribe the account to any Marketplace product, bringing in unvetted third-party software and charges nobody approved.
#   remediation:
#     text: Remove aws-marketplace:Subscribe from the policy, or add a Condition listing the approved aws-marketplace:ProductId values; Private Marketplace enforces the same centrally.
#     cli: aws iam put-role-policy --role-name ROLE --policy-name NAME --policy-document file://scoped.json
#     terraform: |
#       data "aws_iam_policy_document" "approved_products" {
#         statement {
#           actions   = ["aws-marketplace:Subscribe"]
#           resources = ["*"]
#           condition {
#             test     = "ForAllValues:StringEquals"
#             variable = "aws-marketplace:ProductId"
#             values   = ["prod-approved-id"]
#           }
#         }
#       }
package parapet.aws.iam.iam_inline_policy_no_wildcard_marketplace_subscribe

import rego.v1

import data.parapet.lib.iam

attrs := input.resource.attributes

findings := iam.wildcard_marketplace_subscribe_statements(attrs.PolicyDocument)

status := "FAIL" if {
	is_object(attrs.PolicyDocument)
	count(findings) > 0
}

status := "PASS" if {
	is_object(attrs.PolicyDocument)
	count(findings) == 0
}

owner := sprintf("%s %s", [object.get(attrs, "principal_type", "identity"), object.get(attrs, "principal_name", "?")])

reason := sprintf("inline policy %s of %s allows subscribing to any AWS Marketplace product", [object.get(attrs, "PolicyName", input.resource.name), owner]) if status == "FAIL"

reason := sprintf("inline policy %s of %s does not allow subscribing to any AWS Marketplace product", [object.get(attrs, "PolicyName", input.resource.name), owner]) if status == "PASS"
