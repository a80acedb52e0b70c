# METADATA
# title: CloudFront distribution uses no deprecated SSL/TLS protocol
# description: |
#   Checks that no custom origin allows SSLv3, TLSv1 or TLSv1.1 for CloudFront's
#   connections to it, and that a distribution with its own certificate does not
#   accept those versions from viewers (security policies SSLv3, TLSv1, TLSv1_2016,
#   TLSv1.1_2016). The default certificate's fixed TLSv1 policy is reported by
#   cloudfront_distributions_custom_ssl_certificate instead.
# custom:
#   id: cloudfront_distributions_using_deprecated_ssl_protocols
#   severity: medium
#   service: cloudfront
#   resource_type: AWS::CloudFront::Distribution
#   requires: [Origins, ViewerCertificate]
#   risk: Protocol versions with known attacks (POODLE, BEAST) and no modern ciphers can be negotiated, exposing traffic to decryption.
#   remediation:
#     text: Allow only TLSv1.2 to custom origins and set the viewer minimum protocol version to TLSv1.2_2021 or later.
#     cli: aws cloudfront update-distribution --id DIST_ID --if-match ETAG --distribution-config file://config-with-tls12.json
#     terraform: |
#       resource "aws_cloudfront_distribution" "this" {
#         origin {
#           custom_origin_config {
#             origin_ssl_protocols = ["TLSv1.2"]
#           }
#         }
#         viewer_certificate {
#           minimum_protocol_version = "TLSv1.2_2021"
#         }
#       }
package parapet.aws.cloudfront.cloudfront_distributions_using_deprecated_ssl_protocols

import rego.v1

import data.parapet.lib.cloudfront
import data.parapet.lib.util

attrs := input.resource.attributes

deprecated_origin := {"SSLv3", "TLSv1", "TLSv1.1"}

deprecated_viewer := {"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016"}

findings contains sprintf("origin %s allows %s", [o.Id, p]) if {
	some o in cloudfront.origins(attrs)
	cloudfront.custom_origin(o)
	some p in util.as_list(o.CustomOriginConfig.OriginSslProtocols.Items)
	p in deprecated_origin
}

findings contains sprintf("viewers may use %s", [attrs.ViewerCertificate.MinimumProtocolVersion]) if {
	cloudfront.custom_certificate(attrs)
	attrs.ViewerCertificate.MinimumProtocolVersion in deprecated_viewer
}

status := "PASS" if {
	is_object(attrs.Origins)
	count(findings) == 0
}

status := "FAIL" if count(findings) > 0

reason := sprintf("distribution %s allows no deprecated SSL/TLS protocol", [input.resource.name]) if status == "PASS"

reason := sprintf("distribution %s allows deprecated protocols: %s", [input.resource.name, concat("; ", sort(findings))]) if status == "FAIL"
