# METADATA
# title: OpenSearch domain is not publicly accessible
# description: |
#   Checks whether the domain can be reached and used by anyone. A domain placed in a VPC
#   has no public endpoint and passes. A domain with a public endpoint fails when its
#   access policy has an Allow for any principal ("*", {"AWS": "*"} or NotPrincipal)
#   without a condition that pins callers to known source IPs, accounts, organisations or
#   VPC endpoints.
# custom:
#   id: opensearch_service_domains_not_publicly_accessible
#   severity: critical
#   service: opensearch
#   resource_type: AWS::OpenSearchService::Domain
#   requires: [AccessPolicies, in_vpc]
#   risk: Anyone on the internet can query, change or delete the domain's indices.
#   remediation:
#     text: Place the domain in a VPC, or restrict its access policy to named principals or source IP ranges, and enable fine-grained access control.
#     cli: aws opensearch update-domain-config --domain-name DOMAIN --access-policies file://restricted-policy.json
#     terraform: |
#       resource "aws_opensearch_domain" "this" {
#         vpc_options {
#           subnet_ids         = [aws_subnet.private.id]
#           security_group_ids = [aws_security_group.search.id]
#         }
#       }
package parapet.aws.opensearch.opensearch_service_domains_not_publicly_accessible

import rego.v1

import data.parapet.lib.iam

attrs := input.resource.attributes

open_statements := iam.public_statements(attrs.AccessPolicies)

status := "PASS" if attrs.in_vpc == true

status := "PASS" if {
	attrs.in_vpc == false
	count(open_statements) == 0
}

status := "FAIL" if {
	attrs.in_vpc == false
	count(open_statements) > 0
}

reason := sprintf("OpenSearch domain %s is in a VPC and has no public endpoint", [input.resource.name]) if {
	status == "PASS"
	attrs.in_vpc == true
}

reason := sprintf("OpenSearch domain %s has a public endpoint but its access policy admits no anonymous caller", [input.resource.name]) if {
	status == "PASS"
	attrs.in_vpc == false
}

reason := sprintf("OpenSearch domain %s has a public endpoint and its access policy allows any principal without a restricting condition", [input.resource.name]) if status == "FAIL"
