# METADATA
# title: Unauthorized API calls raise a CloudWatch alarm
# description: |
#   Checks that a metric filter on the CloudTrail log group of a multi-region trail counts
#   calls refused with UnauthorizedOperation or AccessDenied, and that an alarm on it
#   notifies a subscribed SNS topic. A burst of refused calls is often the first trace of
#   stolen credentials probing for permissions.
# custom:
#   id: cloudwatch_log_metric_filter_unauthorized_api_calls
#   severity: medium
#   service: cloudwatch
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails, metric_filters]
#   risk: Someone enumerating permissions with leaked credentials, or a broken deployment, goes unnoticed until it succeeds or causes damage.
#   remediation:
#     text: >-
#       On the log group of a multi-region, logging CloudTrail trail, add a metric filter
#       with the CIS 4.1 pattern shown in the commands, an alarm on its metric with
#       threshold 1, and an SNS topic for the alarm with at least one confirmed subscription.
#     cli: |-
#       aws logs put-metric-filter --log-group-name TRAIL_LOG_GROUP --filter-name UnauthorizedAPICalls --metric-transformations metricName=UnauthorizedAPICalls,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }'
#       aws cloudwatch put-metric-alarm --alarm-name UnauthorizedAPICalls --namespace CISBenchmark --metric-name UnauthorizedAPICalls --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions SNS_TOPIC_ARN
#     cloudformation: |-
#       UnauthorizedAPICallsFilter:
#         Type: AWS::Logs::MetricFilter
#         Properties:
#           LogGroupName: TRAIL_LOG_GROUP
#           FilterPattern: '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }'
#           MetricTransformations: [{MetricNamespace: CISBenchmark, MetricName: UnauthorizedAPICalls, MetricValue: "1"}]
#       UnauthorizedAPICallsAlarm:
#         Type: AWS::CloudWatch::Alarm
#         Properties:
#           Namespace: CISBenchmark
#           MetricName: UnauthorizedAPICalls
#           Statistic: Sum
#           Period: 300
#           EvaluationPeriods: 1
#           Threshold: 1
#           ComparisonOperator: GreaterThanOrEqualToThreshold
#           AlarmActions: [SNS_TOPIC_ARN]
#     terraform: |-
#       resource "aws_cloudwatch_log_metric_filter" "unauthorizedapicalls" {
#         name           = "UnauthorizedAPICalls"
#         log_group_name = "TRAIL_LOG_GROUP"
#         pattern        = "{ (($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\")) && ($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.eventName != \"HeadBucket\") }"
#         metric_transformation {
#           name      = "UnauthorizedAPICalls"
#           namespace = "CISBenchmark"
#           value     = "1"
#         }
#       }
#       resource "aws_cloudwatch_metric_alarm" "unauthorizedapicalls" {
#         alarm_name          = "UnauthorizedAPICalls"
#         namespace           = "CISBenchmark"
#         metric_name         = "UnauthorizedAPICalls"
#         statistic           = "Sum"
#         period              = 300
#         evaluation_periods  = 1
#         threshold           = 1
#         comparison_operator = "GreaterThanOrEqualToThreshold"
#         alarm_actions       = ["SNS_TOPIC_ARN"]
#       }
package parapet.aws.cloudwatch.cloudwatch_log_metric_filter_unauthorized_api_calls

import rego.v1

import data.parapet.lib.cloudwatch as cw

# CIS 3.0 4.1: the collector lists, per metric filter, the classes of CIS sample events
# its pattern matches (shared/src/collect/cloudwatch/cis_monitoring_events.json).
event_class := "unauthorized_api_calls"

state := cw.state(object.get(input.resource.attributes, "trails", []), event_class)

default status := "FAIL"

status := "PASS" if state == "alarmed"

reason := cw.explain(input.resource.name, state, "unauthorized API calls")
