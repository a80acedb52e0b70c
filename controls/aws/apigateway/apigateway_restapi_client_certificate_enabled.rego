# METADATA
# title: API Gateway REST API stage presents a client certificate to its backend
# description: |
#   Checks that the stage has a client certificate (clientCertificateId), which API
#   Gateway presents to HTTP backends so they can tell its requests from anyone else's.
# custom:
#   id: apigateway_restapi_client_certificate_enabled
#   severity: medium
#   service: apigateway
#   resource_type: AWS::ApiGateway::Stage
#   requires: [clientCertificateId]
#   risk: A backend reachable on the internet cannot verify that a request came through the API and its authorisation rather than straight from an attacker.
#   remediation:
#     text: Generate a client certificate, set it on the stage, and have the backend require it.
#     cli: aws apigateway update-stage --rest-api-id API --stage-name STAGE --patch-operations op=replace,path=/clientCertificateId,value=CERT_ID
#     terraform: |
#       resource "aws_api_gateway_stage" "this" {
#         client_certificate_id = aws_api_gateway_client_certificate.this.id
#       }
package parapet.aws.apigateway.apigateway_restapi_client_certificate_enabled

import rego.v1

cert := object.get(input.resource.attributes, "clientCertificateId", "")

has_cert if {
	is_string(cert)
	cert != ""
}

status := "PASS" if has_cert

status := "FAIL" if not has_cert

reason := sprintf("API stage %s presents client certificate %s to its backend", [input.resource.name, cert]) if status == "PASS"

reason := sprintf("API stage %s has no client certificate for its backend", [input.resource.name]) if status == "FAIL"
