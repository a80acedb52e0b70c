# METADATA
# title: RDS DB cluster exports its logs to CloudWatch Logs
# description: |
#   Checks that the cluster publishes at least one database log type (audit, error,
#   general, slow query, postgresql, ...) to CloudWatch Logs for retention and alerting.
# custom:
#   id: rds_cluster_integration_cloudwatch_logs
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBCluster
#   requires: [Engine, EnabledCloudwatchLogsExports]
#   risk: Failed logins, errors and suspicious queries stay on the instances, where they rotate away and are lost with them.
#   remediation:
#     text: Enable the log types your engine offers for export to CloudWatch Logs.
#     cli: aws rds modify-db-cluster --db-cluster-identifier CLUSTER --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql"]}' --apply-immediately
#     cloudformation: |
#       Cluster:
#         Type: AWS::RDS::DBCluster
#         Properties:
#           EnableCloudwatchLogsExports: [postgresql]
#     terraform: |
#       resource "aws_rds_cluster" "this" {
#         enabled_cloudwatch_logs_exports = ["postgresql"]
#       }
package parapet.aws.rds.rds_cluster_integration_cloudwatch_logs

import rego.v1

attrs := input.resource.attributes

# DescribeDBClusters also returns Neptune and DocumentDB clusters; they have controls of their own.
not_rds if attrs.Engine in {"neptune", "docdb"}

good if {
	count(attrs.EnabledCloudwatchLogsExports) > 0
}

status := "SKIPPED" if not_rds

status := "PASS" if {
	not not_rds
	good
}

status := "FAIL" if {
	not not_rds
	not good
}

reason := sprintf("cluster %s runs %s, which is not an RDS engine", [input.resource.name, attrs.Engine]) if status == "SKIPPED"

reason := sprintf("DB cluster %s exports its logs to CloudWatch Logs", [input.resource.name]) if status == "PASS"

reason := sprintf("DB cluster %s exports no logs to CloudWatch Logs", [input.resource.name]) if status == "FAIL"
