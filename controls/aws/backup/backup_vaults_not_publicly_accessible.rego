# METADATA
# title: Backup vault access policy does not let anyone in
# description: |
#   Checks the backup vault's access policy for statements any AWS principal can use
#   (Principal "*", an every-account ARN, or NotPrincipal) without a condition that pins the
#   caller to known accounts, organisations, source ARNs or networks. Copying into a vault
#   from an organization (aws:PrincipalOrgID) passes; the usual Deny statements that protect
#   recovery points grant nothing and pass. The analysis is the shared one of
#   controls/lib/iam.rego.
# custom:
#   id: backup_vaults_not_publicly_accessible
#   severity: high
#   service: backup
#   resource_type: AWS::Backup::BackupVault
#   requires: [policy]
#   risk: Anyone with an AWS account can act on the vault's recovery points as the policy allows, for example delete backups or copy them into the vault.
#   remediation:
#     text: Remove the open statement, or limit it to named accounts or to the organization (aws:PrincipalOrgID).
#     cli: aws backup put-backup-vault-access-policy --backup-vault-name VAULT --policy file://policy.json
#     terraform: |
#       resource "aws_backup_vault_policy" "this" {
#         backup_vault_name = aws_backup_vault.this.name
#         policy            = data.aws_iam_policy_document.vault.json
#       }
package parapet.aws.backup.backup_vaults_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

status := resource_policy.status(policy)

reason := resource_policy.reason("backup vault", input.resource.name, policy)
