# METADATA
# title: Step Functions state machine logs its executions
# description: |
#   Checks that the state machine's loggingConfiguration level is ALL, ERROR or FATAL
#   (not OFF), with a CloudWatch Logs destination.
# custom:
#   id: stepfunctions_statemachine_logging_enabled
#   severity: medium
#   service: stepfunctions
#   resource_type: AWS::StepFunctions::StateMachine
#   requires: [loggingConfiguration]
#   risk: Failed or unexpected executions of the workflow, and the data they handled, leave no record.
#   remediation:
#     text: Set the state machine's logging level to ERROR or ALL with a log group destination.
#     cli: aws stepfunctions update-state-machine --state-machine-arn ARN --logging-configuration 'level=ERROR,includeExecutionData=false,destinations=[{cloudWatchLogsLogGroup={logGroupArn=LOG_GROUP_ARN}}]'
#     terraform: |
#       resource "aws_sfn_state_machine" "this" {
#         logging_configuration {
#           log_destination        = "${aws_cloudwatch_log_group.sfn.arn}:*"
#           level                  = "ERROR"
#           include_execution_data = false
#         }
#       }
package parapet.aws.stepfunctions.stepfunctions_statemachine_logging_enabled

import rego.v1

level := object.get(input.resource.attributes, ["loggingConfiguration", "level"], "OFF")

status := "PASS" if level in {"ALL", "ERROR", "FATAL"}

status := "FAIL" if not level in {"ALL", "ERROR", "FATAL"}

reason := sprintf("state machine %s logs executions at level %s", [input.resource.name, level]) if status == "PASS"

reason := sprintf("state machine %s does not log executions", [input.resource.name]) if status == "FAIL"
