# METADATA
# title: EBS volume is protected by AWS Backup
# description: |
#   Checks that AWS Backup holds recovery points for the volume (it appears among the
#   region's protected resources), which a backup plan covering it produces. A plan
#   created since the last backup window has not protected anything yet.
# custom:
#   id: ec2_ebs_volume_protected_by_backup_plan
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::Volume
#   requires: [backup_protected]
#   risk: Data lost to deletion, corruption or ransomware cannot be restored from a managed, retained and auditable copy.
#   remediation:
#     text: Assign the volume to a backup plan (by tag or ARN) and let its first backup run.
#     cli: aws backup create-backup-selection --backup-plan-id PLAN_ID --backup-selection '{"SelectionName":"ebs","IamRoleArn":"arn:aws:iam::ACCOUNT:role/service-role/AWSBackupDefaultServiceRole","Resources":["arn:aws:ec2:*:*:volume/*"]}'
#     terraform: |
#       resource "aws_backup_selection" "ebs" {
#         name         = "ebs"
#         plan_id      = aws_backup_plan.daily.id
#         iam_role_arn = aws_iam_role.backup.arn
#         resources    = ["arn:aws:ec2:*:*:volume/*"]
#       }
package parapet.aws.ec2.ec2_ebs_volume_protected_by_backup_plan

import rego.v1

protected := input.resource.attributes.backup_protected

status := "PASS" if protected == true

status := "FAIL" if protected == false

reason := sprintf("volume %s has recovery points in AWS Backup", [input.resource.name]) if status == "PASS"

reason := sprintf("volume %s has no recovery point in AWS Backup", [input.resource.name]) if status == "FAIL"
