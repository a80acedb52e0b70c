# METADATA
# title: Console sign-ins without MFA raise a CloudWatch alarm
# description: |
#   Checks that a metric filter on the CloudTrail log group of a multi-region trail counts
#   ConsoleLogin events where MFA was not used, and that an alarm on it notifies a
#   subscribed SNS topic. Password-only sign-ins are the ones a phished or reused password
#   can produce.
# custom:
#   id: cloudwatch_log_metric_filter_sign_in_without_mfa
#   severity: medium
#   service: cloudwatch
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails, metric_filters]
#   risk: A console session opened with only a password, possibly a stolen one, is not brought to anyone's attention.
#   remediation:
#     text: >-
#       On the log group of a multi-region, logging CloudTrail trail, add a metric filter
#       with the CIS 4.2 pattern shown in the commands, an alarm on its metric with
#       threshold 1, and an SNS topic for the alarm with at least one confirmed subscription.
#     cli: |-
#       aws logs put-metric-filter --log-group-name TRAIL_LOG_GROUP --filter-name ConsoleSignInWithoutMfa --metric-transformations metricName=ConsoleSignInWithoutMfa,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }'
#       aws cloudwatch put-metric-alarm --alarm-name ConsoleSignInWithoutMfa --namespace CISBenchmark --metric-name ConsoleSignInWithoutMfa --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions SNS_TOPIC_ARN
#     cloudformation: |-
#       ConsoleSignInWithoutMfaFilter:
#         Type: AWS::Logs::MetricFilter
#         Properties:
#           LogGroupName: TRAIL_LOG_GROUP
#           FilterPattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }'
#           MetricTransformations: [{MetricNamespace: CISBenchmark, MetricName: ConsoleSignInWithoutMfa, MetricValue: "1"}]
#       ConsoleSignInWithoutMfaAlarm:
#         Type: AWS::CloudWatch::Alarm
#         Properties:
#           Namespace: CISBenchmark
#           MetricName: ConsoleSignInWithoutMfa
#           Statistic: Sum
#           Period: 300
#           EvaluationPeriods: 1
#           Threshold: 1
#           ComparisonOperator: GreaterThanOrEqualToThreshold
#           AlarmActions: [SNS_TOPIC_ARN]
#     terraform: |-
#       resource "aws_cloudwatch_log_metric_filter" "consolesigninwithoutmfa" {
#         name           = "ConsoleSignInWithoutMfa"
#         log_group_name = "TRAIL_LOG_GROUP"
#         pattern        = "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"
#         metric_transformation {
#           name      = "ConsoleSignInWithoutMfa"
#           namespace = "CISBenchmark"
#           value     = "1"
#         }
#       }
#       resource "aws_cloudwatch_metric_alarm" "consolesigninwithoutmfa" {
#         alarm_name          = "ConsoleSignInWithoutMfa"
#         namespace           = "CISBenchmark"
#         metric_name         = "ConsoleSignInWithoutMfa"
#         statistic           = "Sum"
#         period              = 300
#         evaluation_periods  = 1
#         threshold           = 1
#         comparison_operator = "GreaterThanOrEqualToThreshold"
#         alarm_actions       = ["SNS_TOPIC_ARN"]
#       }
package parapet.aws.cloudwatch.cloudwatch_log_metric_filter_sign_in_without_mfa

import rego.v1

import data.parapet.lib.cloudwatch as cw

# CIS 3.0 4.2: the collector lists, per metric filter, the classes of CIS sample events
# its pattern matches (shared/src/collect/cloudwatch/cis_monitoring_events.json).
event_class := "sign_in_without_mfa"

state := cw.state(object.get(input.resource.attributes, "trails", []), event_class)

default status := "FAIL"

status := "PASS" if state == "alarmed"

reason := cw.explain(input.resource.name, state, "console sign-ins without MFA")
