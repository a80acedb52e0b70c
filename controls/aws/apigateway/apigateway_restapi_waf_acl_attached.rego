# METADATA
# title: API Gateway REST API stage is protected by a WAF web ACL
# description: |
#   Checks that an AWS WAF web ACL is associated with the stage (webAclArn).
# custom:
#   id: apigateway_restapi_waf_acl_attached
#   severity: medium
#   service: apigateway
#   resource_type: AWS::ApiGateway::Stage
#   requires: [webAclArn]
#   risk: Injection attempts, bots and request floods reach the API and its backends unfiltered.
#   remediation:
#     text: Associate a WAF web ACL (for example with the AWS managed core rule set) with the stage.
#     cli: aws wafv2 associate-web-acl --web-acl-arn WEB_ACL_ARN --resource-arn arn:aws:apigateway:REGION::/restapis/API/stages/STAGE
#     terraform: |
#       resource "aws_wafv2_web_acl_association" "api" {
#         resource_arn = aws_api_gateway_stage.this.arn
#         web_acl_arn  = aws_wafv2_web_acl.this.arn
#       }
package parapet.aws.apigateway.apigateway_restapi_waf_acl_attached

import rego.v1

acl := object.get(input.resource.attributes, "webAclArn", null)

protected if {
	is_string(acl)
	acl != ""
}

status := "PASS" if protected

status := "FAIL" if not protected

reason := sprintf("API stage %s is protected by web ACL %s", [input.resource.name, acl]) if status == "PASS"

reason := sprintf("API stage %s has no WAF web ACL", [input.resource.name]) if status == "FAIL"
