# METADATA
# title: AWS Config configuration changes raise a CloudWatch alarm
# description: |
#   Checks that a metric filter on the CloudTrail log group of a multi-region trail counts
#   configuration recorders and delivery channels being stopped, changed or deleted, and
#   that an alarm on it notifies a subscribed SNS topic. Config's history is only useful if
#   it keeps recording.
# custom:
#   id: cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled
#   severity: medium
#   service: cloudwatch
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails, metric_filters]
#   risk: Configuration recording can be switched off to hide later changes, leaving a blind spot in the inventory and its history.
#   remediation:
#     text: >-
#       On the log group of a multi-region, logging CloudTrail trail, add a metric filter
#       with the CIS 4.9 pattern shown in the commands, an alarm on its metric with
#       threshold 1, and an SNS topic for the alarm with at least one confirmed subscription.
#     cli: |-
#       aws logs put-metric-filter --log-group-name TRAIL_LOG_GROUP --filter-name AWSConfigChanges --metric-transformations metricName=AWSConfigChanges,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }'
#       aws cloudwatch put-metric-alarm --alarm-name AWSConfigChanges --namespace CISBenchmark --metric-name AWSConfigChanges --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions SNS_TOPIC_ARN
#     cloudformation: |-
#       AWSConfigChangesFilter:
#         Type: AWS::Logs::MetricFilter
#         Properties:
#           LogGroupName: TRAIL_LOG_GROUP
#           FilterPattern: '{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }'
#           MetricTransformations: [{MetricNamespace: CISBenchmark, MetricName: AWSConfigChanges, MetricValue: "1"}]
#       AWSConfigChangesAlarm:
#         Type: AWS::CloudWatch::Alarm
#         Properties:
#           Namespace: CISBenchmark
#           MetricName: AWSConfigChanges
#           Statistic: Sum
#           Period: 300
#           EvaluationPeriods: 1
#           Threshold: 1
#           ComparisonOperator: GreaterThanOrEqualToThreshold
#           AlarmActions: [SNS_TOPIC_ARN]
#     terraform: |-
#       resource "aws_cloudwatch_log_metric_filter" "awsconfigchanges" {
#         name           = "AWSConfigChanges"
#         log_group_name = "TRAIL_LOG_GROUP"
#         pattern        = "{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }"
#         metric_transformation {
#           name      = "AWSConfigChanges"
#           namespace = "CISBenchmark"
#           value     = "1"
#         }
#       }
#       resource "aws_cloudwatch_metric_alarm" "awsconfigchanges" {
#         alarm_name          = "AWSConfigChanges"
#         namespace           = "CISBenchmark"
#         metric_name         = "AWSConfigChanges"
#         statistic           = "Sum"
#         period              = 300
#         evaluation_periods  = 1
#         threshold           = 1
#         comparison_operator = "GreaterThanOrEqualToThreshold"
#         alarm_actions       = ["SNS_TOPIC_ARN"]
#       }
package parapet.aws.cloudwatch.cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled

import rego.v1

import data.parapet.lib.cloudwatch as cw

# CIS 3.0 4.9: the collector lists, per metric filter, the classes of CIS sample events
# its pattern matches (shared/src/collect/cloudwatch/cis_monitoring_events.json).
event_class := "config_changes"

state := cw.state(object.get(input.resource.attributes, "trails", []), event_class)

default status := "FAIL"

status := "PASS" if state == "alarmed"

reason := cw.explain(input.resource.name, state, "AWS Config configuration changes")
