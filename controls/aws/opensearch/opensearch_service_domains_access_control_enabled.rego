# METADATA
# title: OpenSearch domain has fine-grained access control
# description: |
#   Checks AdvancedSecurityOptions.Enabled: with fine-grained access control the domain
#   authenticates every request (IAM or its internal user database) and authorises it per
#   index, document and field, instead of trusting whoever the access policy lets reach
#   the endpoint.
# custom:
#   id: opensearch_service_domains_access_control_enabled
#   severity: high
#   service: opensearch
#   resource_type: AWS::OpenSearchService::Domain
#   requires: [AdvancedSecurityOptions]
#   risk: Anyone the access policy or network lets through can read and change every index.
#   remediation:
#     text: Enable fine-grained access control with a master user or IAM master role (requires HTTPS, node-to-node encryption and encryption at rest).
#     cli: aws opensearch update-domain-config --domain-name DOMAIN --advanced-security-options 'Enabled=true,InternalUserDatabaseEnabled=false,MasterUserOptions={MasterUserARN=ROLE_ARN}'
#     terraform: |
#       resource "aws_opensearch_domain" "this" {
#         advanced_security_options {
#           enabled = true
#           master_user_options {
#             master_user_arn = aws_iam_role.admin.arn
#           }
#         }
#       }
package parapet.aws.opensearch.opensearch_service_domains_access_control_enabled

import rego.v1

opts := object.get(input.resource.attributes, "AdvancedSecurityOptions", null)

status := "PASS" if opts.Enabled == true

# Domains created without the option answer without it or with Enabled false.
status := "FAIL" if not opts.Enabled == true

reason := sprintf("OpenSearch domain %s has fine-grained access control enabled", [input.resource.name]) if status == "PASS"

reason := sprintf("OpenSearch domain %s does not have fine-grained access control enabled", [input.resource.name]) if status == "FAIL"
