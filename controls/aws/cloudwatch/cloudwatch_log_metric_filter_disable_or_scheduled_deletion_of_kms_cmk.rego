# METADATA
# title: Disabling or scheduling deletion of KMS keys raises a CloudWatch alarm
# description: |
#   Checks that a metric filter on the CloudTrail log group of a multi-region trail counts
#   DisableKey and ScheduleKeyDeletion calls, and that an alarm on it notifies a subscribed
#   SNS topic. Data encrypted under a deleted key is lost for good, so the waiting period
#   only helps if someone hears about it.
# custom:
#   id: cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk
#   severity: medium
#   service: cloudwatch
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails, metric_filters]
#   risk: A key can be disabled or its deletion can run out the waiting period, making the data it protects unreadable, before anyone reacts.
#   remediation:
#     text: >-
#       On the log group of a multi-region, logging CloudTrail trail, add a metric filter
#       with the CIS 4.7 pattern shown in the commands, an alarm on its metric with
#       threshold 1, and an SNS topic for the alarm with at least one confirmed subscription.
#     cli: |-
#       aws logs put-metric-filter --log-group-name TRAIL_LOG_GROUP --filter-name DisableOrDeleteCMK --metric-transformations metricName=DisableOrDeleteCMK,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }'
#       aws cloudwatch put-metric-alarm --alarm-name DisableOrDeleteCMK --namespace CISBenchmark --metric-name DisableOrDeleteCMK --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions SNS_TOPIC_ARN
#     cloudformation: |-
#       DisableOrDeleteCMKFilter:
#         Type: AWS::Logs::MetricFilter
#         Properties:
#           LogGroupName: TRAIL_LOG_GROUP
#           FilterPattern: '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }'
#           MetricTransformations: [{MetricNamespace: CISBenchmark, MetricName: DisableOrDeleteCMK, MetricValue: "1"}]
#       DisableOrDeleteCMKAlarm:
#         Type: AWS::CloudWatch::Alarm
#         Properties:
#           Namespace: CISBenchmark
#           MetricName: DisableOrDeleteCMK
#           Statistic: Sum
#           Period: 300
#           EvaluationPeriods: 1
#           Threshold: 1
#           ComparisonOperator: GreaterThanOrEqualToThreshold
#           AlarmActions: [SNS_TOPIC_ARN]
#     terraform: |-
#       resource "aws_cloudwatch_log_metric_filter" "disableordeletecmk" {
#         name           = "DisableOrDeleteCMK"
#         log_group_name = "TRAIL_LOG_GROUP"
#         pattern        = "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }"
#         metric_transformation {
#           name      = "DisableOrDeleteCMK"
#           namespace = "CISBenchmark"
#           value     = "1"
#         }
#       }
#       resource "aws_cloudwatch_metric_alarm" "disableordeletecmk" {
#         alarm_name          = "DisableOrDeleteCMK"
#         namespace           = "CISBenchmark"
#         metric_name         = "DisableOrDeleteCMK"
#         statistic           = "Sum"
#         period              = 300
#         evaluation_periods  = 1
#         threshold           = 1
#         comparison_operator = "GreaterThanOrEqualToThreshold"
#         alarm_actions       = ["SNS_TOPIC_ARN"]
#       }
package parapet.aws.cloudwatch.cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk

import rego.v1

import data.parapet.lib.cloudwatch as cw

# CIS 3.0 4.7: the collector lists, per metric filter, the classes of CIS sample events
# its pattern matches (shared/src/collect/cloudwatch/cis_monitoring_events.json).
event_class := "kms_key_disable_or_deletion"

state := cw.state(object.get(input.resource.attributes, "trails", []), event_class)

default status := "FAIL"

status := "PASS" if state == "alarmed"

reason := cw.explain(input.resource.name, state, "KMS keys being disabled or scheduled for deletion")
