# METADATA
# title: API Gateway REST API stage logs requests
# description: |
#   Checks that the stage writes execution logs (logging level INFO or ERROR for all
#   methods) or access logs to CloudWatch Logs.
# custom:
#   id: apigateway_restapi_logging_enabled
#   severity: medium
#   service: apigateway
#   resource_type: AWS::ApiGateway::Stage
#   requires: [logging]
#   risk: Abuse of the API (scraping, injection attempts, stolen keys) leaves no record.
#   remediation:
#     text: Set the stage's logging level for all methods, or configure access logging to a log group (the account needs an API Gateway CloudWatch role).
#     cli: aws apigateway update-stage --rest-api-id API --stage-name STAGE --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR
#     terraform: |
#       resource "aws_api_gateway_method_settings" "all" {
#         rest_api_id = aws_api_gateway_rest_api.this.id
#         stage_name  = aws_api_gateway_stage.this.stage_name
#         method_path = "*/*"
#         settings {
#           logging_level = "ERROR"
#         }
#       }
package parapet.aws.apigateway.apigateway_restapi_logging_enabled

import rego.v1

attrs := input.resource.attributes

# Execution logs at INFO or ERROR, or access logs to a destination, either is a record.
logs_something if attrs.logging.execution_level in {"INFO", "ERROR"}

logs_something if is_string(attrs.logging.access_log_destination)

status := "PASS" if {
	is_object(attrs.logging)
	logs_something
}

status := "FAIL" if {
	is_object(attrs.logging)
	not logs_something
}

reason := sprintf("API stage %s logs requests", [input.resource.name]) if status == "PASS"

reason := sprintf("API stage %s logs nothing", [input.resource.name]) if status == "FAIL"
