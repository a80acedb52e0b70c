# METADATA
# title: RDS instance exports its logs to CloudWatch Logs
# description: |
#   Checks that the instance publishes at least one database log type (error, audit,
#   general, slow query, postgresql, ...) to CloudWatch Logs, where they are retained
#   and can be searched and alarmed on.
# custom:
#   id: rds_instance_integration_cloudwatch_logs
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBInstance
#   requires: [EnabledCloudwatchLogsExports, DBClusterIdentifier]
#   risk: Database errors, failed logins and suspicious queries stay on the instance, where they rotate away and are lost with it.
#   remediation:
#     text: Enable the log types your engine offers (for example error and audit, or postgresql) for export to CloudWatch Logs.
#     cli: aws rds modify-db-instance --db-instance-identifier NAME --cloudwatch-logs-export-configuration '{"EnableLogTypes":["error"]}' --apply-immediately
#     cloudformation: |
#       Database:
#         Type: AWS::RDS::DBInstance
#         Properties:
#           EnableCloudwatchLogsExports: [error]
#     terraform: |
#       resource "aws_db_instance" "this" {
#         enabled_cloudwatch_logs_exports = ["error"]
#       }
package parapet.aws.rds.rds_instance_integration_cloudwatch_logs

import rego.v1

attrs := input.resource.attributes

# Members of an Aurora or Multi-AZ DB cluster take this setting from the cluster.
not_applicable := sprintf("it belongs to DB cluster %s, which holds this setting", [attrs.DBClusterIdentifier]) if is_string(attrs.DBClusterIdentifier)

good if {
	count(attrs.EnabledCloudwatchLogsExports) > 0
}

status := "SKIPPED" if not_applicable

status := "PASS" if {
	not not_applicable
	good
}

status := "FAIL" if {
	not not_applicable
	not good
}

reason := sprintf("DB instance %s is out of scope: %s", [input.resource.name, not_applicable]) if status == "SKIPPED"

reason := sprintf("DB instance %s exports its logs to CloudWatch Logs", [input.resource.name]) if status == "PASS"

reason := sprintf("DB instance %s exports no logs to CloudWatch Logs", [input.resource.name]) if status == "FAIL"
