# METADATA
# title: API Gateway HTTP or WebSocket API stage writes access logs
# description: |
#   Checks that the stage has access logging configured (accessLogSettings with a
#   destination log group).
# custom:
#   id: apigatewayv2_api_access_logging_enabled
#   severity: medium
#   service: apigatewayv2
#   resource_type: AWS::ApiGatewayV2::Stage
#   requires: [accessLogSettings]
#   risk: Who called the API, from where and with what result cannot be reconstructed after abuse.
#   remediation:
#     text: Configure access logging on the stage to a CloudWatch Logs group.
#     cli: aws apigatewayv2 update-stage --api-id API --stage-name STAGE --access-log-settings DestinationArn=LOG_GROUP_ARN,Format='$context.requestId $context.identity.sourceIp $context.status'
#     terraform: |
#       resource "aws_apigatewayv2_stage" "this" {
#         access_log_settings {
#           destination_arn = aws_cloudwatch_log_group.api.arn
#           format          = jsonencode({ requestId = "$context.requestId", ip = "$context.identity.sourceIp", status = "$context.status" })
#         }
#       }
package parapet.aws.apigatewayv2.apigatewayv2_api_access_logging_enabled

import rego.v1

destination := object.get(input.resource.attributes, ["accessLogSettings", "destinationArn"], "")

logs if {
	is_string(destination)
	destination != ""
}

status := "PASS" if logs

status := "FAIL" if not logs

reason := sprintf("API stage %s writes access logs to %s", [input.resource.name, destination]) if status == "PASS"

reason := sprintf("API stage %s writes no access logs", [input.resource.name]) if status == "FAIL"
