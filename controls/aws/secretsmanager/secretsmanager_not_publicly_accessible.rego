# METADATA
# title: Secrets Manager secret policy does not let anyone read the secret
# description: |
#   Checks the secret's resource policy for statements any AWS principal can use
#   (Principal "*", an every-account ARN, or NotPrincipal) without a condition that pins the
#   caller to known accounts, organisations, source ARNs or networks. A secret without a
#   resource policy is reachable only through the account's own identity policies and
#   passes. The analysis is the shared one of controls/lib/iam.rego.
# custom:
#   id: secretsmanager_not_publicly_accessible
#   severity: critical
#   service: secretsmanager
#   resource_type: AWS::SecretsManager::Secret
#   requires: [policy]
#   risk: Any AWS principal the policy admits can read the secret value (when the key policy of its KMS key allows it too) or change it.
#   remediation:
#     text: Remove the open statement, or add a condition (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce) naming the intended readers.
#     cli: aws secretsmanager delete-resource-policy --secret-id SECRET_ID
#     terraform: |
#       resource "aws_secretsmanager_secret_policy" "this" {
#         secret_arn = aws_secretsmanager_secret.this.arn
#         policy     = data.aws_iam_policy_document.readers.json
#       }
package parapet.aws.secretsmanager.secretsmanager_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

status := resource_policy.status(policy)

reason := resource_policy.reason("secret", input.resource.name, policy)
