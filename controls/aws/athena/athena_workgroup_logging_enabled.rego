# METADATA
# title: Athena workgroup publishes query metrics to CloudWatch
# description: |
#   Checks that the workgroup publishes its query metrics to CloudWatch
#   (PublishCloudWatchMetricsEnabled), the record of which queries ran, how long and how
#   much data they scanned.
# custom:
#   id: athena_workgroup_logging_enabled
#   severity: low
#   service: athena
#   resource_type: AWS::Athena::WorkGroup
#   requires: [Configuration]
#   risk: Unusual query activity, such as bulk reads of sensitive tables, cannot be seen or alarmed on.
#   remediation:
#     text: Turn on CloudWatch metrics for the workgroup.
#     cli: aws athena update-work-group --work-group WG --configuration-updates PublishCloudWatchMetricsEnabled=true
#     terraform: |
#       resource "aws_athena_workgroup" "this" {
#         configuration {
#           publish_cloudwatch_metrics_enabled = true
#         }
#       }
package parapet.aws.athena.athena_workgroup_logging_enabled

import rego.v1

publishes := object.get(input.resource.attributes, ["Configuration", "PublishCloudWatchMetricsEnabled"], false)

status := "PASS" if publishes == true

status := "FAIL" if publishes != true

reason := sprintf("workgroup %s publishes query metrics to CloudWatch", [input.resource.name]) if status == "PASS"

reason := sprintf("workgroup %s publishes no query metrics", [input.resource.name]) if status == "FAIL"
