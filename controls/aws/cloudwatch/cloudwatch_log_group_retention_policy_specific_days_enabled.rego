# METADATA
# title: CloudWatch Logs log group keeps events for at least a year
# description: |
#   Checks that the log group's retention is at least 365 days, or unlimited (no
#   retention setting). Investigations regularly reach back months, and PCI DSS asks for
#   a year of audit history. Shorter retention is fine for noisy debug logs; mute those.
# custom:
#   id: cloudwatch_log_group_retention_policy_specific_days_enabled
#   severity: low
#   service: cloudwatch
#   resource_type: AWS::Logs::LogGroup
#   requires: [retentionInDays]
#   risk: The events that show how an intrusion started are deleted before anyone looks for them.
#   remediation:
#     text: Set the retention to 365 days or more (or export older events to S3 with a lifecycle policy).
#     cli: aws logs put-retention-policy --log-group-name NAME --retention-in-days 365
#     cloudformation: |
#       LogGroup:
#         Type: AWS::Logs::LogGroup
#         Properties:
#           RetentionInDays: 365
#     terraform: |
#       resource "aws_cloudwatch_log_group" "this" {
#         retention_in_days = 365
#       }
package parapet.aws.cloudwatch.cloudwatch_log_group_retention_policy_specific_days_enabled

import rego.v1

min_days := 365

days := input.resource.attributes.retentionInDays

# No retention setting means events never expire.
status := "PASS" if days == null

status := "PASS" if {
	is_number(days)
	days >= min_days
}

status := "FAIL" if {
	is_number(days)
	days < min_days
}

reason := sprintf("log group %s keeps events forever", [input.resource.name]) if days == null

reason := sprintf("log group %s keeps events for %d days", [input.resource.name, days]) if is_number(days)
