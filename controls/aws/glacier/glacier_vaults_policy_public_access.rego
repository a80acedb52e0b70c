# METADATA
# title: Glacier vault access policy does not let anyone in
# description: |
#   Checks the vault's access policy for statements any AWS principal can use (Principal
#   "*", an every-account ARN, or NotPrincipal) without a condition that pins the caller to
#   known accounts, organisations, source ARNs or networks. The analysis is the shared one
#   of controls/lib/iam.rego.
# custom:
#   id: glacier_vaults_policy_public_access
#   severity: critical
#   service: glacier
#   resource_type: AWS::Glacier::Vault
#   requires: [policy]
#   risk: Anyone with an AWS account can start retrieval jobs and download the archives, upload archives, or delete them.
#   remediation:
#     text: Remove the open statement from the vault access policy, or name the accounts that need access.
#     cli: aws glacier delete-vault-access-policy --account-id - --vault-name VAULT
#     terraform: |
#       resource "aws_glacier_vault" "this" {
#         name          = "archive"
#         access_policy = data.aws_iam_policy_document.vault.json
#       }
package parapet.aws.glacier.glacier_vaults_policy_public_access

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

status := resource_policy.status(policy)

reason := resource_policy.reason("vault", input.resource.name, policy)
