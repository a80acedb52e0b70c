# METADATA
# title: OpenSearch domain accepts HTTPS only
# description: |
#   Checks DomainEndpointOptions.EnforceHTTPS: whether the domain endpoint refuses plain-
#   HTTP requests.
# custom:
#   id: opensearch_service_domains_https_communications_enforced
#   severity: medium
#   service: opensearch
#   resource_type: AWS::OpenSearchService::Domain
#   requires: [DomainEndpointOptions]
#   risk: Requests, credentials and documents can travel unencrypted and be read or changed in transit.
#   remediation:
#     text: Require HTTPS on the domain endpoint (and a current TLS security policy).
#     cli: aws opensearch update-domain-config --domain-name DOMAIN --domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-2019-07
#     terraform: |
#       resource "aws_opensearch_domain" "this" {
#         domain_endpoint_options {
#           enforce_https       = true
#           tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
#         }
#       }
package parapet.aws.opensearch.opensearch_service_domains_https_communications_enforced

import rego.v1

opts := object.get(input.resource.attributes, "DomainEndpointOptions", null)

status := "PASS" if opts.EnforceHTTPS == true

status := "FAIL" if not opts.EnforceHTTPS == true

reason := sprintf("OpenSearch domain %s accepts HTTPS requests only", [input.resource.name]) if status == "PASS"

reason := sprintf("OpenSearch domain %s accepts plain HTTP requests", [input.resource.name]) if status == "FAIL"
