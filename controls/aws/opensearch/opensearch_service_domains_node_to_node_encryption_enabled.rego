# METADATA
# title: OpenSearch domain encrypts traffic between its nodes
# description: |
#   Checks that node-to-node encryption is enabled, so data moving between the domain's
#   nodes inside the VPC travels over TLS.
# custom:
#   id: opensearch_service_domains_node_to_node_encryption_enabled
#   severity: medium
#   service: opensearch
#   resource_type: AWS::OpenSearchService::Domain
#   requires: [NodeToNodeEncryptionOptions]
#   risk: Anyone able to observe traffic inside the network reads indexed documents and queries in clear text.
#   remediation:
#     text: Enable node-to-node encryption on the domain.
#     cli: aws opensearch update-domain-config --domain-name DOMAIN --node-to-node-encryption-options Enabled=true
#     terraform: |
#       resource "aws_opensearch_domain" "this" {
#         node_to_node_encryption {
#           enabled = true
#         }
#       }
package parapet.aws.opensearch.opensearch_service_domains_node_to_node_encryption_enabled

import rego.v1

attrs := input.resource.attributes

status := "PASS" if {
	attrs.NodeToNodeEncryptionOptions.Enabled == true
}

status := "FAIL" if {
	attrs.NodeToNodeEncryptionOptions.Enabled == false
}

reason := sprintf("OpenSearch domain %s encrypts traffic between its nodes", [input.resource.name]) if status == "PASS"

reason := sprintf("OpenSearch domain %s sends traffic between its nodes unencrypted", [input.resource.name]) if status == "FAIL"
