# METADATA
# title: Customer-managed IAM policies do not allow unrestricted Marketplace subscriptions
# description: |
#   Checks that the policy does not allow aws-marketplace:Subscribe (directly or through a
#   wildcard) on all products without a Condition, such as one on aws-marketplace:ProductId,
#   limiting subscriptions to approved software.
# custom:
#   id: iam_policy_no_wildcard_marketplace_subscribe
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::Policy
#   requires: [aws_managed, document, AttachmentCount]
#   risk: Holders can subscribe the account to any Marketplace product, bringing in unvetted third-party software and charges nobody approved.
#   remediation:
#     text: Remove aws-marketplace:Subscribe from the policy, or add a Condition listing the approved aws-marketplace:ProductId values; Private Marketplace enforces the same centrally.
#     cli: aws iam create-policy-version --policy-arn ARN --policy-document file://scoped.json --set-as-default
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
package parapet.aws.iam.iam_policy_no_wildcard_marketplace_subscribe

import rego.v1

import data.parapet.lib.iam

attrs := input.resource.attributes

# AWS-managed policies are AWS's text; whether to attach them is judged elsewhere.
status := "SKIPPED" if attrs.aws_managed == true

findings := iam.wildcard_marketplace_subscribe_statements(attrs.document)

status := "FAIL" if {
	attrs.aws_managed == false
	count(findings) > 0
}

status := "PASS" if {
	attrs.aws_managed == false
	is_object(attrs.document)
	count(findings) == 0
}

attached := sprintf("attached to %d identities", [object.get(attrs, "AttachmentCount", 0)])

reason := sprintf("policy %s is AWS-managed; its content is not judged here", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("customer-managed policy %s allows subscribing to any AWS Marketplace product (%s)", [input.resource.name, attached]) if status == "FAIL"

reason := sprintf("customer-managed policy %s does not allow subscribing to any AWS Marketplace product", [input.resource.name]) if status == "PASS"
