# METADATA
# title: AWS Organizations changes raise a CloudWatch alarm
# description: |
#   Checks that a metric filter on the CloudTrail log group of a multi-region trail counts
#   changes to the organization: accounts joining, leaving or moving, organizational units
#   and policies being changed, and handshakes. Such changes can remove guardrails from
#   every account at once. Organizations events are recorded in the management account, so
#   this matters most there.
# custom:
#   id: cloudwatch_log_metric_filter_aws_organizations_changes
#   severity: medium
#   service: cloudwatch
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails, metric_filters]
#   risk: Service control policies can be detached or accounts moved out of the organization without an alert.
#   remediation:
#     text: >-
#       On the log group of a multi-region, logging CloudTrail trail, add a metric filter
#       with the CIS 4.15 pattern shown in the commands, an alarm on its metric with
#       threshold 1, and an SNS topic for the alarm with at least one confirmed subscription.
#     cli: |-
#       aws logs put-metric-filter --log-group-name TRAIL_LOG_GROUP --filter-name OrganizationsChanges --metric-transformations metricName=OrganizationsChanges,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) || ($.eventName = UpdateOrganizationalUnit)) }'
#       aws cloudwatch put-metric-alarm --alarm-name OrganizationsChanges --namespace CISBenchmark --metric-name OrganizationsChanges --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions SNS_TOPIC_ARN
#     cloudformation: |-
#       OrganizationsChangesFilter:
#         Type: AWS::Logs::MetricFilter
#         Properties:
#           LogGroupName: TRAIL_LOG_GROUP
#           FilterPattern: '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) || ($.eventName = UpdateOrganizationalUnit)) }'
#           MetricTransformations: [{MetricNamespace: CISBenchmark, MetricName: OrganizationsChanges, MetricValue: "1"}]
#       OrganizationsChangesAlarm:
#         Type: AWS::CloudWatch::Alarm
#         Properties:
#           Namespace: CISBenchmark
#           MetricName: OrganizationsChanges
#           Statistic: Sum
#           Period: 300
#           EvaluationPeriods: 1
#           Threshold: 1
#           ComparisonOperator: GreaterThanOrEqualToThreshold
#           AlarmActions: [SNS_TOPIC_ARN]
#     terraform: |-
#       resource "aws_cloudwatch_log_metric_filter" "organizationschanges" {
#         name           = "OrganizationsChanges"
#         log_group_name = "TRAIL_LOG_GROUP"
#         pattern        = "{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) || ($.eventName = UpdateOrganizationalUnit)) }"
#         metric_transformation {
#           name      = "OrganizationsChanges"
#           namespace = "CISBenchmark"
#           value     = "1"
#         }
#       }
#       resource "aws_cloudwatch_metric_alarm" "organizationschanges" {
#         alarm_name          = "OrganizationsChanges"
#         namespace           = "CISBenchmark"
#         metric_name         = "OrganizationsChanges"
#         statistic           = "Sum"
#         period              = 300
#         evaluation_periods  = 1
#         threshold           = 1
#         comparison_operator = "GreaterThanOrEqualToThreshold"
#         alarm_actions       = ["SNS_TOPIC_ARN"]
#       }
package parapet.aws.cloudwatch.cloudwatch_log_metric_filter_aws_organizations_changes

import rego.v1

import data.parapet.lib.cloudwatch as cw

# CIS 3.0 4.15: the collector lists, per metric filter, the classes of CIS sample events
# its pattern matches (shared/src/collect/cloudwatch/cis_monitoring_events.json).
event_class := "organizations_changes"

state := cw.state(object.get(input.resource.attributes, "trails", []), event_class)

default status := "FAIL"

status := "PASS" if state == "alarmed"

reason := cw.explain(input.resource.name, state, "AWS Organizations changes")
