# METADATA
# title: API Gateway REST API stage has X-Ray tracing on
# description: |
#   Checks that active X-Ray tracing is enabled on the stage (tracingEnabled).
# custom:
#   id: apigateway_restapi_tracing_enabled
#   severity: low
#   service: apigateway
#   resource_type: AWS::ApiGateway::Stage
#   requires: [tracingEnabled]
#   risk: Requests cannot be followed through the API to its backends when investigating failures or abuse.
#   remediation:
#     text: Enable X-Ray tracing on the stage.
#     cli: aws apigateway update-stage --rest-api-id API --stage-name STAGE --patch-operations op=replace,path=/tracingEnabled,value=true
#     terraform: |
#       resource "aws_api_gateway_stage" "this" {
#         xray_tracing_enabled = true
#       }
package parapet.aws.apigateway.apigateway_restapi_tracing_enabled

import rego.v1

tracing := object.get(input.resource.attributes, "tracingEnabled", false)

status := "PASS" if tracing == true

status := "FAIL" if tracing != true

reason := sprintf("API stage %s traces requests with X-Ray", [input.resource.name]) if status == "PASS"

reason := sprintf("API stage %s does not trace requests with X-Ray", [input.resource.name]) if status == "FAIL"
