# METADATA
# title: OpenSearch domain encrypts data at rest
# description: |
#   Checks that encryption at rest is enabled for the domain (indices, logs, swap and
#   automated snapshots, with a KMS key).
# custom:
#   id: opensearch_service_domains_encryption_at_rest_enabled
#   severity: medium
#   service: opensearch
#   resource_type: AWS::OpenSearchService::Domain
#   requires: [EncryptionAtRestOptions]
#   risk: Indexed documents are readable by anyone who obtains the underlying storage or snapshots.
#   remediation:
#     text: Enable encryption at rest (possible on existing domains on recent engine versions; otherwise migrate to a new domain).
#     cli: aws opensearch update-domain-config --domain-name DOMAIN --encryption-at-rest-options Enabled=true
#     terraform: |
#       resource "aws_opensearch_domain" "this" {
#         encrypt_at_rest {
#           enabled = true
#         }
#       }
package parapet.aws.opensearch.opensearch_service_domains_encryption_at_rest_enabled

import rego.v1

attrs := input.resource.attributes

status := "PASS" if {
	attrs.EncryptionAtRestOptions.Enabled == true
}

status := "FAIL" if {
	attrs.EncryptionAtRestOptions.Enabled == false
}

reason := sprintf("OpenSearch domain %s encrypts data at rest", [input.resource.name]) if status == "PASS"

reason := sprintf("OpenSearch domain %s does not encrypt data at rest", [input.resource.name]) if status == "FAIL"
