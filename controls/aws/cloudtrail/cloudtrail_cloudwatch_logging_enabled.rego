# METADATA
# title: CloudTrail trail delivers to CloudWatch Logs
# description: |
#   Checks that the trail sends its events to a CloudWatch Logs group and that the last
#   delivery happened within the day before the scan. Metric filters and alarms (the CIS
#   monitoring section) only see events that reach CloudWatch Logs.
# custom:
#   id: cloudtrail_cloudwatch_logging_enabled
#   severity: medium
#   service: cloudtrail
#   resource_type: AWS::CloudTrail::Trail
#   requires: [CloudWatchLogsLogGroupArn, status]
#   risk: Events sit in S3 only, so nothing alerts on root use, policy changes or failed logins as they happen.
#   remediation:
#     text: Configure the trail with a CloudWatch Logs log group and a role CloudTrail can use to write to it; fix the role if deliveries stopped.
#     cli: aws cloudtrail update-trail --name TRAIL --cloud-watch-logs-log-group-arn LOG_GROUP_ARN --cloud-watch-logs-role-arn ROLE_ARN
#     cloudformation: |
#       Trail:
#         Type: AWS::CloudTrail::Trail
#         Properties:
#           CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn
#           CloudWatchLogsRoleArn: !GetAtt TrailLogsRole.Arn
#     terraform: |
#       resource "aws_cloudtrail" "this" {
#         cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
#         cloud_watch_logs_role_arn  = aws_iam_role.trail_logs.arn
#       }
package parapet.aws.cloudtrail.cloudtrail_cloudwatch_logging_enabled

import rego.v1

import data.parapet.lib.util

attrs := input.resource.attributes

last := object.get(attrs.status, "LatestCloudWatchLogsDeliveryTime", null)

configured if is_string(attrs.CloudWatchLogsLogGroupArn)

status := "FAIL" if not configured

status := "PASS" if {
	configured
	util.within_days(last, 1)
}

status := "FAIL" if {
	configured
	not util.within_days(last, 1)
}

reason := sprintf("trail %s does not send events to CloudWatch Logs", [input.resource.name]) if not configured

reason := sprintf("trail %s delivered to CloudWatch Logs at %s", [input.resource.name, last]) if status == "PASS"

reason := sprintf("trail %s is configured for CloudWatch Logs but has not delivered in the last day (last delivery %v%s)", [
	input.resource.name, last, error_note,
]) if {
	configured
	status == "FAIL"
}

error_note := sprintf(", error %s", [attrs.status.LatestCloudWatchLogsDeliveryError]) if is_string(attrs.status.LatestCloudWatchLogsDeliveryError)

else := ""
