# METADATA
# title: AWS Backup recovery point is encrypted
# description: |
#   Checks IsEncrypted on each recovery point in the region's backup vaults. A backup of
#   an unencrypted source that was not encrypted by its vault stays readable to whoever
#   restores or copies it.
# custom:
#   id: backup_recovery_point_encrypted
#   severity: medium
#   service: backup
#   resource_type: AWS::Backup::RecoveryPoint
#   requires: [IsEncrypted, ResourceArn]
#   risk: The backed-up data is stored unencrypted.
#   remediation:
#     text: Encrypt the source resource, or copy the recovery point into a vault with a KMS key and delete the unencrypted one.
#     cli: aws backup start-copy-job --recovery-point-arn RECOVERY_POINT_ARN --source-backup-vault-name VAULT --destination-backup-vault-arn ENCRYPTED_VAULT_ARN --iam-role-arn ROLE_ARN
package parapet.aws.backup.backup_recovery_point_encrypted

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.IsEncrypted == true

status := "FAIL" if attrs.IsEncrypted == false

reason := sprintf("recovery point %s of %v is encrypted", [input.resource.name, attrs.ResourceArn]) if status == "PASS"

reason := sprintf("recovery point %s of %v is not encrypted", [input.resource.name, attrs.ResourceArn]) if status == "FAIL"
