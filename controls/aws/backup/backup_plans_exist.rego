# METADATA
# title: AWS Backup has a backup plan in the region
# description: |
#   Checks that the region has at least one AWS Backup plan, the scheduled, centrally
#   managed backups with retention rules that auditors look for. Which resources the plans
#   cover is judged per resource by the *_protected_by_backup_plan controls.
# custom:
#   id: backup_plans_exist
#   severity: low
#   service: backup
#   resource_type: Parapet::Backup::RegionSettings
#   requires: [plans]
#   risk: Backups in the region depend on each service's own settings, with no central schedule, retention or monitoring.
#   remediation:
#     text: Create a backup plan with a rule (schedule, lifecycle, vault) and assign resources to it.
#     cli: aws backup create-backup-plan --backup-plan file://plan.json
#     cloudformation: |
#       Plan:
#         Type: AWS::Backup::BackupPlan
#         Properties:
#           BackupPlan:
#             BackupPlanName: daily
#             BackupPlanRule:
#               - RuleName: daily-35d
#                 TargetBackupVault: Default
#                 ScheduleExpression: cron(0 5 * * ? *)
#                 Lifecycle:
#                   DeleteAfterDays: 35
#     terraform: |
#       resource "aws_backup_plan" "daily" {
#         name = "daily"
#         rule {
#           rule_name         = "daily-35d"
#           target_vault_name = "Default"
#           schedule          = "cron(0 5 * * ? *)"
#           lifecycle {
#             delete_after = 35
#           }
#         }
#       }
package parapet.aws.backup.backup_plans_exist

import rego.v1

plans := input.resource.attributes.plans

names := sort([p.BackupPlanName | some p in plans]) if is_array(plans)

status := "PASS" if {
	is_array(plans)
	count(plans) > 0
}

status := "FAIL" if {
	is_array(plans)
	count(plans) == 0
}

reason := sprintf("region %s has %d backup plan(s): %s", [input.resource.region, count(plans), concat(", ", names)]) if status == "PASS"

reason := sprintf("region %s has no AWS Backup plan", [input.resource.region]) if status == "FAIL"
