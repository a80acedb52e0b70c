# METADATA
# title: Inline IAM policies do not grant full access to KMS
# description: |
#   Checks that the policy does not allow every KMS action (kms:*, or * / a NotAction
#   that leaves KMS in) on every resource. Full KMS access includes scheduling keys for
#   deletion and rewriting key policies; key users need only the cryptographic operations,
#   and kms:* on a named key is left to key-administration review.
# custom:
#   id: iam_inline_policy_no_full_access_to_kms
#   severity: medium
#   service: iam
#   resource_type: Parapet::IAM::InlinePolicy
#   requires: [PolicyDocument, PolicyName, principal_name, principal_type]
#   risk: A holder can disable or schedule deletion of every key, making the data encrypted under them unrecoverable, or rewrite key policies to grant themselves or outsiders decryption.
#   remediation:
#     text: Replace kms:* with the operations the holders need (Encrypt, Decrypt, GenerateDataKey*, DescribeKey) and name the keys; keep key administration to a dedicated role.
#     cli: aws iam put-role-policy --role-name ROLE --policy-name NAME --policy-document file://scoped.json
#     terraform: |
#       data "aws_iam_policy_document" "key_users" {
#         statement {
#           actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"]
#           resources = [aws_kms_key.app.arn]
#         }
#       }
package parapet.aws.iam.iam_inline_policy_no_full_access_to_kms

import rego.v1

import data.parapet.lib.iam

attrs := input.resource.attributes

findings := iam.service_wildcard_statements(attrs.PolicyDocument, "kms")

status := "FAIL" if {
	is_object(attrs.PolicyDocument)
	count(findings) > 0
}

status := "PASS" if {
	is_object(attrs.PolicyDocument)
	count(findings) == 0
}

owner := sprintf("%s %s", [object.get(attrs, "principal_type", "identity"), object.get(attrs, "principal_name", "?")])

reason := sprintf("inline policy %s of %s allows every KMS action on every key", [object.get(attrs, "PolicyName", input.resource.name), owner]) if status == "FAIL"

reason := sprintf("inline policy %s of %s does not allow every KMS action on every key", [object.get(attrs, "PolicyName", input.resource.name), owner]) if status == "PASS"
