# METADATA
# title: CloudFront distribution requires HTTPS from viewers
# description: |
#   Checks that every cache behaviour (the default one and any others) has a viewer
#   protocol policy of redirect-to-https or https-only.
# custom:
#   id: cloudfront_distributions_https_enabled
#   severity: medium
#   service: cloudfront
#   resource_type: AWS::CloudFront::Distribution
#   requires: [viewer_protocol_policies]
#   risk: Viewers' requests, cookies and responses can be read or altered on the network.
#   remediation:
#     text: Set the viewer protocol policy of every cache behaviour to redirect-to-https (or https-only).
#     cli: aws cloudfront update-distribution --id DIST_ID --distribution-config file://config-with-redirect-to-https.json --if-match ETAG
#     terraform: |
#       resource "aws_cloudfront_distribution" "this" {
#         default_cache_behavior {
#           viewer_protocol_policy = "redirect-to-https"
#         }
#       }
package parapet.aws.cloudfront.cloudfront_distributions_https_enabled

import rego.v1

attrs := input.resource.attributes

status := "PASS" if {
	is_array(attrs.viewer_protocol_policies)
	every p in attrs.viewer_protocol_policies { p in {"redirect-to-https", "https-only"} }
}

status := "FAIL" if {
	is_array(attrs.viewer_protocol_policies)
	some p in attrs.viewer_protocol_policies
	p == "allow-all"
}

reason := sprintf("distribution %s requires HTTPS from viewers", [input.resource.name]) if status == "PASS"

reason := sprintf("distribution %s accepts plain HTTP from viewers", [input.resource.name]) if status == "FAIL"
