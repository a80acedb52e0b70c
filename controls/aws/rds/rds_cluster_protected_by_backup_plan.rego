# METADATA
# title: RDS DB cluster is protected by an AWS Backup plan
# description: |
#   Checks that a selection of some AWS Backup plan in the region picks the RDS DB
#   cluster: its ARN matches the selection's resources (wildcards included) or its tags
#   match the selection's tag list, the selection's conditions hold, and its not-resources
#   do not exclude it.
# custom:
#   id: rds_cluster_protected_by_backup_plan
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBCluster
#   requires: [backup_plans]
#   risk: The resource is backed up, if at all, only by its own settings, without central schedule, retention, vault lock or copies to another region or account.
#   remediation:
#     text: Assign the resource to a backup plan, by ARN or by a tag the plan's selection uses.
#     cli: aws backup create-backup-selection --backup-plan-id PLAN_ID --backup-selection 'SelectionName=data,IamRoleArn=ROLE_ARN,Resources=RESOURCE_ARN'
#     terraform: |
#       resource "aws_backup_selection" "data" {
#         plan_id      = aws_backup_plan.daily.id
#         name         = "data"
#         iam_role_arn = aws_iam_role.backup.arn
#         resources    = [RESOURCE_ARN]
#       }
package parapet.aws.rds.rds_cluster_protected_by_backup_plan

import rego.v1

	import data.parapet.lib.util

	attrs := input.resource.attributes

	kind := "RDS DB cluster"

	plans := util.as_list(attrs.backup_plans)

member := false

	status := "PASS" if {
		not member
		count(plans) > 0
	}

	status := "FAIL" if {
		not member
		is_array(attrs.backup_plans)
		count(plans) == 0
	}

	reason := sprintf("%s %s is protected by backup plan(s) %s", [kind, input.resource.name, concat(", ", plans)]) if status == "PASS"

	reason := sprintf("%s %s is not selected by any AWS Backup plan", [kind, input.resource.name]) if status == "FAIL"
