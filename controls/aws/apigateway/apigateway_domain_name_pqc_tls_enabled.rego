# METADATA
# title: API Gateway custom domain uses a post-quantum TLS security policy
# description: |
#   Checks that the custom domain name's security policy is one of API Gateway's
#   enhanced policies with post-quantum hybrid key exchange (those with "PQ" in their
#   name, such as SecurityPolicy_TLS13_1_3_2025_09's PQ variants). The legacy TLS_1_0 and
#   TLS_1_2 policies fail.
# custom:
#   id: apigateway_domain_name_pqc_tls_enabled
#   severity: low
#   service: apigateway
#   resource_type: AWS::ApiGateway::DomainName
#   requires: [securityPolicy]
#   risk: Traffic recorded today could be decrypted once large quantum computers break classical key exchange ("harvest now, decrypt later").
#   remediation:
#     text: Switch the domain name to an enhanced security policy with PQ in its name (and set its endpoint access mode).
#     cli: aws apigateway update-domain-name --domain-name DOMAIN --patch-operations op=replace,path=/securityPolicy,value=POLICY_WITH_PQ
#     terraform: |
#       resource "aws_api_gateway_domain_name" "this" {
#         security_policy = "POLICY_WITH_PQ"
#       }
package parapet.aws.apigateway.apigateway_domain_name_pqc_tls_enabled

import rego.v1

policy := object.get(input.resource.attributes, "securityPolicy", "TLS_1_2")

post_quantum if {
	startswith(policy, "SecurityPolicy_")
	contains(policy, "_PQ")
}

status := "PASS" if post_quantum

status := "FAIL" if not post_quantum

reason := sprintf("domain %s uses post-quantum TLS policy %s", [input.resource.name, policy]) if status == "PASS"

reason := sprintf("domain %s uses TLS policy %s, without post-quantum key exchange", [input.resource.name, policy]) if status == "FAIL"
