# METADATA
# title: CloudWatch alarm acts when it goes into ALARM
# description: |
#   Checks that the alarm has actions enabled and at least one action for the ALARM
#   state (an SNS topic, an Auto Scaling policy, an EC2 or Systems Manager action). An
#   alarm without one changes colour on a dashboard and nobody hears about it.
# custom:
#   id: cloudwatch_alarm_actions_alarm_state_configured
#   severity: low
#   service: cloudwatch
#   resource_type: AWS::CloudWatch::Alarm
#   requires: [ActionsEnabled, AlarmActions]
#   risk: The condition the alarm was built to catch (an attack pattern, an outage) happens without anyone being told.
#   remediation:
#     text: Add an ALARM-state action, usually an SNS topic with a monitored subscriber, and make sure actions are enabled.
#     cli: aws cloudwatch put-metric-alarm --alarm-name NAME ... --alarm-actions TOPIC_ARN --actions-enabled
#     terraform: |
#       resource "aws_cloudwatch_metric_alarm" "this" {
#         alarm_actions   = [aws_sns_topic.alerts.arn]
#         actions_enabled = true
#       }
package parapet.aws.cloudwatch.cloudwatch_alarm_actions_alarm_state_configured

import rego.v1

attrs := input.resource.attributes

status := "PASS" if {
	attrs.ActionsEnabled == true
	count(attrs.AlarmActions) > 0
}

status := "FAIL" if attrs.ActionsEnabled == false

status := "FAIL" if {
	attrs.ActionsEnabled == true
	count(attrs.AlarmActions) == 0
}

reason := sprintf("alarm %s notifies %d targets in the ALARM state", [input.resource.name, count(attrs.AlarmActions)]) if status == "PASS"

reason := sprintf("alarm %s has its actions disabled", [input.resource.name]) if attrs.ActionsEnabled == false

reason := sprintf("alarm %s has no action for the ALARM state", [input.resource.name]) if {
	attrs.ActionsEnabled == true
	count(attrs.AlarmActions) == 0
}
