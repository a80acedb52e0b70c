# METADATA
# title: CloudFront distribution encrypts sensitive fields at the edge
# description: |
#   Checks that the default cache behaviour has a field-level encryption configuration,
#   so the fields it names in POST requests are encrypted with a public key at the edge
#   and only the application holding the private key can read them.
# custom:
#   id: cloudfront_distributions_field_level_encryption_enabled
#   severity: low
#   service: cloudfront
#   resource_type: AWS::CloudFront::Distribution
#   requires: [DefaultCacheBehavior]
#   risk: Card numbers, credentials and personal data submitted through the distribution are readable by every component behind the edge (logs, proxies, middleware), not only by the service that needs them.
#   remediation:
#     text: Create a field-level encryption profile and configuration for the sensitive form fields and set it on the default cache behaviour.
#     cli: aws cloudfront update-distribution --id DIST_ID --if-match ETAG --distribution-config file://config-with-field-level-encryption-id.json
#     terraform: |
#       resource "aws_cloudfront_distribution" "this" {
#         default_cache_behavior {
#           field_level_encryption_id = aws_cloudfront_field_level_encryption_config.this.id
#         }
#       }
package parapet.aws.cloudfront.cloudfront_distributions_field_level_encryption_enabled

import rego.v1

config := input.resource.attributes.DefaultCacheBehavior.FieldLevelEncryptionId

status := "PASS" if {
	is_string(config)
	config != ""
}

status := "FAIL" if {
	is_object(input.resource.attributes.DefaultCacheBehavior)
	not is_string(config)
}

status := "FAIL" if config == ""

reason := sprintf("distribution %s encrypts fields with configuration %s", [input.resource.name, config]) if status == "PASS"

reason := sprintf("distribution %s has no field-level encryption on its default cache behaviour", [input.resource.name]) if status == "FAIL"
