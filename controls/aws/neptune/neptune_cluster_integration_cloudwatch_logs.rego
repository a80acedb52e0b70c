# METADATA
# title: Neptune cluster publishes audit logs to CloudWatch Logs
# description: |
#   Checks that the Neptune cluster exports its audit log to CloudWatch Logs
#   (EnabledCloudwatchLogsExports includes "audit"). The cluster must also have the
#   neptune_enable_audit_log parameter set for the log to have content; the API does not
#   show that parameter here, so the reason reminds of it.
# custom:
#   id: neptune_cluster_integration_cloudwatch_logs
#   severity: medium
#   service: neptune
#   resource_type: AWS::Neptune::DBCluster
#   requires: [EnabledCloudwatchLogsExports]
#   risk: Queries and connections to the graph leave no retained record to investigate an incident with.
#   remediation:
#     text: Enable the audit log export on the cluster (and neptune_enable_audit_log=1 in its cluster parameter group).
#     cli: aws neptune modify-db-cluster --db-cluster-identifier CLUSTER --cloudwatch-logs-export-configuration '{"EnableLogTypes":["audit"]}' --apply-immediately
#     cloudformation: |
#       Cluster:
#         Type: AWS::Neptune::DBCluster
#         Properties:
#           EnableCloudwatchLogsExports: [audit]
#     terraform: |
#       resource "aws_neptune_cluster" "this" {
#         enable_cloudwatch_logs_exports = ["audit"]
#       }
package parapet.aws.neptune.neptune_cluster_integration_cloudwatch_logs

import rego.v1

import data.parapet.lib.util

exports := util.as_list(input.resource.attributes.EnabledCloudwatchLogsExports)

status := "PASS" if "audit" in exports

status := "FAIL" if not "audit" in exports

reason := sprintf("Neptune cluster %s exports its audit log to CloudWatch Logs (the neptune_enable_audit_log parameter must be on for it to fill)", [input.resource.name]) if status == "PASS"

reason := sprintf("Neptune cluster %s does not export its audit log to CloudWatch Logs", [input.resource.name]) if status == "FAIL"
