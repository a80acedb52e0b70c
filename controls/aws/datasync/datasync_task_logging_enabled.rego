# METADATA
# title: DataSync task logs to CloudWatch Logs
# description: |
#   Checks that the task names a CloudWatch Logs group (CloudWatchLogGroupArn) for its
#   transfer logs.
# custom:
#   id: datasync_task_logging_enabled
#   severity: medium
#   service: datasync
#   resource_type: AWS::DataSync::Task
#   requires: [CloudWatchLogGroupArn]
#   risk: Which files a task copied, skipped or failed on cannot be verified after a transfer.
#   remediation:
#     text: Set a CloudWatch Logs group on the task and a log level of BASIC or TRANSFER.
#     cli: aws datasync update-task --task-arn TASK_ARN --cloud-watch-log-group-arn LOG_GROUP_ARN --options LogLevel=BASIC
#     terraform: |
#       resource "aws_datasync_task" "this" {
#         cloudwatch_log_group_arn = aws_cloudwatch_log_group.datasync.arn
#         options {
#           log_level = "BASIC"
#         }
#       }
package parapet.aws.datasync.datasync_task_logging_enabled

import rego.v1

group := object.get(input.resource.attributes, "CloudWatchLogGroupArn", "")

logs if {
	is_string(group)
	group != ""
}

status := "PASS" if logs

status := "FAIL" if not logs

reason := sprintf("task %s logs to %s", [input.resource.name, group]) if status == "PASS"

reason := sprintf("task %s writes no CloudWatch logs", [input.resource.name]) if status == "FAIL"
