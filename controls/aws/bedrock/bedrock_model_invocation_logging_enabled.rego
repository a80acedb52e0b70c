# METADATA
# title: Bedrock logs model invocations in the region
# description: |
#   Checks the region's model invocation logging configuration: prompts and responses
#   of Bedrock model calls are delivered to CloudWatch Logs or S3.
# custom:
#   id: bedrock_model_invocation_logging_enabled
#   severity: medium
#   service: bedrock
#   resource_type: Parapet::Bedrock::RegionSettings
#   requires: [invocation_logging]
#   risk: Misuse of models (prompt injection, data exfiltration through prompts, abuse of stolen credentials) leaves no record to investigate.
#   remediation:
#     text: Configure model invocation logging to a CloudWatch Logs group or an S3 bucket (with encryption and restricted access, since prompts may hold sensitive data).
#     cli: aws bedrock put-model-invocation-logging-configuration --logging-config '{"cloudWatchConfig":{"logGroupName":"/bedrock/invocations","roleArn":"ROLE_ARN"},"textDataDeliveryEnabled":true}'
#     terraform: |
#       resource "aws_bedrock_model_invocation_logging_configuration" "this" {
#         logging_config {
#           text_data_delivery_enabled = true
#           cloudwatch_config {
#             log_group_name = aws_cloudwatch_log_group.bedrock.name
#             role_arn       = aws_iam_role.bedrock_logging.arn
#           }
#         }
#       }
package parapet.aws.bedrock.bedrock_model_invocation_logging_enabled

import rego.v1

config := input.resource.attributes.invocation_logging

destinations := sort([d |
	some d in ["cloudWatchConfig", "s3Config"]
	is_object(object.get(config, d, null))
]) if is_object(config)

default destinations := []

status := "PASS" if count(destinations) > 0

status := "FAIL" if count(destinations) == 0

reason := sprintf("Bedrock in %s logs model invocations to %s", [input.resource.region, concat(" and ", destinations)]) if status == "PASS"

reason := sprintf("Bedrock in %s does not log model invocations", [input.resource.region]) if status == "FAIL"
