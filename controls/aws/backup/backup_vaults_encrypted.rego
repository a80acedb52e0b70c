# METADATA
# title: AWS Backup vault encrypts its backups with a KMS key
# description: |
#   Checks that the vault has an encryption key (EncryptionKeyArn): the KMS key that
#   encrypts the recovery points stored in it. Vaults whose key is a customer-managed key
#   give control over who can decrypt backups.
# custom:
#   id: backup_vaults_encrypted
#   severity: medium
#   service: backup
#   resource_type: AWS::Backup::BackupVault
#   requires: [BackupVaultName, EncryptionKeyArn]
#   risk: Backups stored without a KMS key of the account's choosing can be read by anyone who obtains them.
#   remediation:
#     text: Create a vault with a customer-managed KMS key and point the backup plans' rules at it.
#     cli: aws backup create-backup-vault --backup-vault-name VAULT --encryption-key-arn KEY_ARN
#     cloudformation: |
#       Vault:
#         Type: AWS::Backup::BackupVault
#         Properties:
#           BackupVaultName: main
#           EncryptionKeyArn: !GetAtt Key.Arn
#     terraform: |
#       resource "aws_backup_vault" "main" {
#         name        = "main"
#         kms_key_arn = aws_kms_key.backup.arn
#       }
package parapet.aws.backup.backup_vaults_encrypted

import rego.v1

key := object.get(input.resource.attributes, "EncryptionKeyArn", null)

encrypted if {
	is_string(key)
	key != ""
}

status := "PASS" if encrypted

status := "FAIL" if not encrypted

reason := sprintf("backup vault %s encrypts its backups with KMS key %s", [input.resource.name, key]) if status == "PASS"

reason := sprintf("backup vault %s has no KMS encryption key", [input.resource.name]) if status == "FAIL"
