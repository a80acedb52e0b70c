# METADATA
# title: Customer-managed IAM policies do not grant full access to KMS
# description: |
#   Checks that the policy does not allow every KMS action (kms:*, or * / a NotAction
#   that leaves KMS in) on every resource. Full KMS access includes scheduling keys for
#   deletion and rewriting key policies; key users need only the cryptographic operations,
#   and kms:* on a named key is left to key-administration review.
# custom:
#   id: iam_policy_no_full_access_to_kms
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::Policy
#   requires: [aws_managed, document, AttachmentCount]
#   risk: A holder can disable or schedule deletion of every key, making the data encrypted under them unrecoverable, or rewrite key policies to grant themselves or outsiders decryption.
#   remediation:
#     text: Replace kms:* with the operations the holders need (Encrypt, Decrypt, GenerateDataKey*, DescribeKey) and name the keys; keep key administration to a dedicated role.
#     cli: aws iam create-policy-version --policy-arn ARN --policy-document file://scoped.json --set-as-default
#     terraform: |
#       data "aws_iam_policy_document" "key_users" {
#         statement {
#           actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"]
#           resources = [aws_kms_key.app.arn]
#         }
#       }
package parapet.aws.iam.iam_policy_no_full_access_to_kms

import rego.v1

import data.parapet.lib.iam

attrs := input.resource.attributes

# AWS-managed policies are AWS's text; whether to attach them is judged elsewhere.
status := "SKIPPED" if attrs.aws_managed == true

findings := iam.service_wildcard_statements(attrs.document, "kms")

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

reason := sprintf("customer-managed policy %s allows every KMS action on every key (%s)", [input.resource.name, attached]) if status == "FAIL"

reason := sprintf("customer-managed policy %s does not allow every KMS action on every key", [input.resource.name]) if status == "PASS"
