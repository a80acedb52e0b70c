# METADATA
# title: EFS file system is backed up automatically
# description: |
#   Checks that the file system's automatic backup policy is ENABLED, so AWS Backup takes
#   daily backups with the default plan. ENABLING counts as not yet on.
# custom:
#   id: efs_have_backup_enabled
#   severity: medium
#   service: efs
#   resource_type: AWS::EFS::FileSystem
#   requires: [backup_policy]
#   risk: Deleted or corrupted files (a mistake, a bug, ransomware) cannot be recovered.
#   remediation:
#     text: Turn on automatic backups for the file system, or include it in an AWS Backup plan of your own.
#     cli: aws efs put-backup-policy --file-system-id FS_ID --backup-policy Status=ENABLED
#     cloudformation: |
#       FileSystem:
#         Type: AWS::EFS::FileSystem
#         Properties:
#           BackupPolicy:
#             Status: ENABLED
#     terraform: |
#       resource "aws_efs_backup_policy" "this" {
#         file_system_id = aws_efs_file_system.this.id
#         backup_policy {
#           status = "ENABLED"
#         }
#       }
package parapet.aws.efs.efs_have_backup_enabled

import rego.v1

policy := input.resource.attributes.backup_policy

status := "PASS" if policy == "ENABLED"

status := "FAIL" if {
	is_string(policy)
	policy != "ENABLED"
}

reason := sprintf("file system %s has automatic backups on", [input.resource.name]) if status == "PASS"

reason := sprintf("file system %s has automatic backups %s", [input.resource.name, lower(policy)]) if status == "FAIL"
