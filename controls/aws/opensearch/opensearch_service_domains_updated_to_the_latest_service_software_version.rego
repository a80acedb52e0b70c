# METADATA
# title: OpenSearch domain runs the latest service software
# description: |
#   Checks ServiceSoftwareOptions.UpdateAvailable: whether AWS has published a service
#   software update (security and stability fixes below the engine version) that the
#   domain has not installed.
# custom:
#   id: opensearch_service_domains_updated_to_the_latest_service_software_version
#   severity: low
#   service: opensearch
#   resource_type: AWS::OpenSearchService::Domain
#   requires: [ServiceSoftwareOptions]
#   risk: The domain keeps running software with fixes AWS has already shipped.
#   remediation:
#     text: Start the service software update (or let it install automatically in the off-peak window).
#     cli: aws opensearch start-service-software-update --domain-name DOMAIN
#     terraform: |
#       resource "aws_opensearch_domain" "this" {
#         software_update_options {
#           auto_software_update_enabled = true
#         }
#       }
package parapet.aws.opensearch.opensearch_service_domains_updated_to_the_latest_service_software_version

import rego.v1

opts := input.resource.attributes.ServiceSoftwareOptions

status := "PASS" if opts.UpdateAvailable == false

status := "FAIL" if opts.UpdateAvailable == true

reason := sprintf("OpenSearch domain %s runs the latest service software (%v)", [input.resource.name, opts.CurrentVersion]) if status == "PASS"

reason := sprintf("OpenSearch domain %s runs service software %v; %v is available", [input.resource.name, opts.CurrentVersion, opts.NewVersion]) if status == "FAIL"
