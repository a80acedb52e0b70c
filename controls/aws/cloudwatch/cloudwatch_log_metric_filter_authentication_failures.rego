# METADATA
# title: Failed console sign-ins raise a CloudWatch alarm
# description: |
#   Checks that a metric filter on the CloudTrail log group of a multi-region trail counts
#   ConsoleLogin events that failed authentication, and that an alarm on it notifies a
#   subscribed SNS topic. Repeated failures point to password guessing against console
#   users.
# custom:
#   id: cloudwatch_log_metric_filter_authentication_failures
#   severity: medium
#   service: cloudwatch
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails, metric_filters]
#   risk: Brute-force or password-spraying attempts against the console run without anyone being told.
#   remediation:
#     text: >-
#       On the log group of a multi-region, logging CloudTrail trail, add a metric filter
#       with the CIS 4.6 pattern shown in the commands, an alarm on its metric with
#       threshold 1, and an SNS topic for the alarm with at least one confirmed subscription.
#     cli: |-
#       aws logs put-metric-filter --log-group-name TRAIL_LOG_GROUP --filter-name ConsoleSignInFailures --metric-transformations metricName=ConsoleSignInFailures,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'
#       aws cloudwatch put-metric-alarm --alarm-name ConsoleSignInFailures --namespace CISBenchmark --metric-name ConsoleSignInFailures --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions SNS_TOPIC_ARN
#     cloudformation: |-
#       ConsoleSignInFailuresFilter:
#         Type: AWS::Logs::MetricFilter
#         Properties:
#           LogGroupName: TRAIL_LOG_GROUP
#           FilterPattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'
#           MetricTransformations: [{MetricNamespace: CISBenchmark, MetricName: ConsoleSignInFailures, MetricValue: "1"}]
#       ConsoleSignInFailuresAlarm:
#         Type: AWS::CloudWatch::Alarm
#         Properties:
#           Namespace: CISBenchmark
#           MetricName: ConsoleSignInFailures
#           Statistic: Sum
#           Period: 300
#           EvaluationPeriods: 1
#           Threshold: 1
#           ComparisonOperator: GreaterThanOrEqualToThreshold
#           AlarmActions: [SNS_TOPIC_ARN]
#     terraform: |-
#       resource "aws_cloudwatch_log_metric_filter" "consolesigninfailures" {
#         name           = "ConsoleSignInFailures"
#         log_group_name = "TRAIL_LOG_GROUP"
#         pattern        = "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }"
#         metric_transformation {
#           name      = "ConsoleSignInFailures"
#           namespace = "CISBenchmark"
#           value     = "1"
#         }
#       }
#       resource "aws_cloudwatch_metric_alarm" "consolesigninfailures" {
#         alarm_name          = "ConsoleSignInFailures"
#         namespace           = "CISBenchmark"
#         metric_name         = "ConsoleSignInFailures"
#         statistic           = "Sum"
#         period              = 300
#         evaluation_periods  = 1
#         threshold           = 1
#         comparison_operator = "GreaterThanOrEqualToThreshold"
#         alarm_actions       = ["SNS_TOPIC_ARN"]
#       }
package parapet.aws.cloudwatch.cloudwatch_log_metric_filter_authentication_failures

import rego.v1

import data.parapet.lib.cloudwatch as cw

# CIS 3.0 4.6: the collector lists, per metric filter, the classes of CIS sample events
# its pattern matches (shared/src/collect/cloudwatch/cis_monitoring_events.json).
event_class := "console_authentication_failures"

state := cw.state(object.get(input.resource.attributes, "trails", []), event_class)

default status := "FAIL"

status := "PASS" if state == "alarmed"

reason := cw.explain(input.resource.name, state, "failed console sign-ins")
