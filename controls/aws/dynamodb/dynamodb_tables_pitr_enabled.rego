# METADATA
# title: DynamoDB table has point-in-time recovery
# description: |
#   Checks that point-in-time recovery is enabled, so the table can be restored to any
#   second of its recovery window (up to 35 days) after a bad write or deletion.
# custom:
#   id: dynamodb_tables_pitr_enabled
#   severity: medium
#   service: dynamodb
#   resource_type: AWS::DynamoDB::Table
#   requires: [point_in_time_recovery]
#   risk: A faulty deployment or malicious script that overwrites or deletes items leaves nothing to restore from.
#   remediation:
#     text: Enable point-in-time recovery on the table.
#     cli: aws dynamodb update-continuous-backups --table-name TABLE --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true
#     cloudformation: |
#       Table:
#         Type: AWS::DynamoDB::Table
#         Properties:
#           PointInTimeRecoverySpecification:
#             PointInTimeRecoveryEnabled: true
#     terraform: |
#       resource "aws_dynamodb_table" "this" {
#         point_in_time_recovery {
#           enabled = true
#         }
#       }
package parapet.aws.dynamodb.dynamodb_tables_pitr_enabled

import rego.v1

pitr := input.resource.attributes.point_in_time_recovery

status := "PASS" if pitr == "ENABLED"

status := "FAIL" if {
	is_string(pitr)
	pitr != "ENABLED"
}

reason := sprintf("table %s has point-in-time recovery enabled", [input.resource.name]) if status == "PASS"

reason := sprintf("table %s has point-in-time recovery %s", [input.resource.name, lower(pitr)]) if status == "FAIL"
