# METADATA
# title: DocumentDB cluster exports audit and profiler logs to CloudWatch Logs
# description: |
#   Checks that the DocumentDB cluster sends both its audit log (who connected,
#   authentication failures, DDL) and its profiler log (slow operations) to CloudWatch
#   Logs. Either one alone fails, naming the one that is missing.
# custom:
#   id: documentdb_cluster_cloudwatch_log_export
#   severity: medium
#   service: documentdb
#   resource_type: AWS::DocDB::DBCluster
#   requires: [EnabledCloudwatchLogsExports]
#   risk: Logins, schema changes and abusive queries against the database leave no retained record.
#   remediation:
#     text: Enable the audit and profiler log exports (and the audit_logs and profiler parameters in the cluster parameter group).
#     cli: aws docdb modify-db-cluster --db-cluster-identifier CLUSTER --cloudwatch-logs-export-configuration '{"EnableLogTypes":["audit","profiler"]}' --apply-immediately
#     cloudformation: |
#       Cluster:
#         Type: AWS::DocDB::DBCluster
#         Properties:
#           EnableCloudwatchLogsExports: [audit, profiler]
#     terraform: |
#       resource "aws_docdb_cluster" "this" {
#         enabled_cloudwatch_logs_exports = ["audit", "profiler"]
#       }
package parapet.aws.documentdb.documentdb_cluster_cloudwatch_log_export

import rego.v1

import data.parapet.lib.util

exports := util.as_list(input.resource.attributes.EnabledCloudwatchLogsExports)

missing := sort([t | some t in ["audit", "profiler"]; not t in exports])

status := "PASS" if count(missing) == 0

status := "FAIL" if count(missing) > 0

reason := sprintf("DocumentDB cluster %s exports its audit and profiler logs to CloudWatch Logs", [input.resource.name]) if status == "PASS"

reason := sprintf("DocumentDB cluster %s does not export its %s log(s) to CloudWatch Logs", [input.resource.name, concat(" and ", missing)]) if status == "FAIL"
