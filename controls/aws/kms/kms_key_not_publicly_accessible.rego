# METADATA
# title: KMS key policy does not let anyone use or manage the key
# description: |
#   Checks the key policy of customer-managed keys for statements any AWS principal can use
#   (Principal "*", an every-account ARN, or NotPrincipal) without a condition that pins the
#   caller to known accounts, organisations, source ARNs or networks (kms:CallerAccount
#   pins the account like aws:PrincipalAccount). AWS-managed keys pass: AWS writes their
#   policies. The analysis is the shared one of controls/lib/iam.rego.
# custom:
#   id: kms_key_not_publicly_accessible
#   severity: critical
#   service: kms
#   resource_type: AWS::KMS::Key
#   requires: [KeyManager, policy]
#   risk: Anyone with an AWS account can decrypt data protected by the key, or change its policy and lock the owner out.
#   remediation:
#     text: Remove the open statement, or name the principals (account ARNs) or add aws:PrincipalOrgID / aws:PrincipalAccount conditions.
#     cli: aws kms put-key-policy --key-id KEY_ID --policy-name default --policy file://policy.json
#     terraform: |
#       resource "aws_kms_key_policy" "this" {
#         key_id = aws_kms_key.this.id
#         policy = data.aws_iam_policy_document.key.json
#       }
package parapet.aws.kms.kms_key_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

aws_managed if input.resource.attributes.KeyManager == "AWS"

status := "PASS" if aws_managed

status := resource_policy.status(policy) if not aws_managed

reason := sprintf("key %s is AWS-managed: AWS writes its policy", [input.resource.name]) if aws_managed

reason := resource_policy.reason("key", input.resource.name, policy) if not aws_managed
