# METADATA
# title: Use of the root user raises a CloudWatch alarm
# description: |
#   Checks that a metric filter on the CloudTrail log group of a multi-region trail counts
#   API calls made as the root user, and that an alarm on it notifies a subscribed SNS
#   topic. The root user should almost never act, so each use deserves a look.
# custom:
#   id: cloudwatch_log_metric_filter_root_usage
#   severity: medium
#   service: cloudwatch
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails, metric_filters]
#   risk: Activity by the unrestricted root identity, legitimate or not, happens without anyone being told.
#   remediation:
#     text: >-
#       On the log group of a multi-region, logging CloudTrail trail, add a metric filter
#       with the CIS 4.3 pattern shown in the commands, an alarm on its metric with
#       threshold 1, and an SNS topic for the alarm with at least one confirmed subscription.
#     cli: |-
#       aws logs put-metric-filter --log-group-name TRAIL_LOG_GROUP --filter-name RootAccountUsage --metric-transformations metricName=RootAccountUsage,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'
#       aws cloudwatch put-metric-alarm --alarm-name RootAccountUsage --namespace CISBenchmark --metric-name RootAccountUsage --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions SNS_TOPIC_ARN
#     cloudformation: |-
#       RootAccountUsageFilter:
#         Type: AWS::Logs::MetricFilter
#         Properties:
#           LogGroupName: TRAIL_LOG_GROUP
#           FilterPattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'
#           MetricTransformations: [{MetricNamespace: CISBenchmark, MetricName: RootAccountUsage, MetricValue: "1"}]
#       RootAccountUsageAlarm:
#         Type: AWS::CloudWatch::Alarm
#         Properties:
#           Namespace: CISBenchmark
#           MetricName: RootAccountUsage
#           Statistic: Sum
#           Period: 300
#           EvaluationPeriods: 1
#           Threshold: 1
#           ComparisonOperator: GreaterThanOrEqualToThreshold
#           AlarmActions: [SNS_TOPIC_ARN]
#     terraform: |-
#       resource "aws_cloudwatch_log_metric_filter" "rootaccountusage" {
#         name           = "RootAccountUsage"
#         log_group_name = "TRAIL_LOG_GROUP"
#         pattern        = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"
#         metric_transformation {
#           name      = "RootAccountUsage"
#           namespace = "CISBenchmark"
#           value     = "1"
#         }
#       }
#       resource "aws_cloudwatch_metric_alarm" "rootaccountusage" {
#         alarm_name          = "RootAccountUsage"
#         namespace           = "CISBenchmark"
#         metric_name         = "RootAccountUsage"
#         statistic           = "Sum"
#         period              = 300
#         evaluation_periods  = 1
#         threshold           = 1
#         comparison_operator = "GreaterThanOrEqualToThreshold"
#         alarm_actions       = ["SNS_TOPIC_ARN"]
#       }
package parapet.aws.cloudwatch.cloudwatch_log_metric_filter_root_usage

import rego.v1

import data.parapet.lib.cloudwatch as cw

# CIS 3.0 4.3: the collector lists, per metric filter, the classes of CIS sample events
# its pattern matches (shared/src/collect/cloudwatch/cis_monitoring_events.json).
event_class := "root_usage"

state := cw.state(object.get(input.resource.attributes, "trails", []), event_class)

default status := "FAIL"

status := "PASS" if state == "alarmed"

reason := cw.explain(input.resource.name, state, "root user activity")
