# METADATA
# title: CloudFront distribution serves its certificate with SNI
# description: |
#   For distributions with a certificate of their own, checks that the SSL support
#   method is sni-only rather than dedicated IP addresses (vip), which exist only for
#   clients too old to send SNI, and therefore too old for modern TLS. Distributions on
#   the default *.cloudfront.net certificate are skipped.
# custom:
#   id: cloudfront_distributions_https_sni_enabled
#   severity: low
#   service: cloudfront
#   resource_type: AWS::CloudFront::Distribution
#   requires: [ViewerCertificate]
#   risk: Dedicated-IP TLS keeps legacy clients working, and with them the weak protocol versions they need; it also costs a monthly fee per distribution.
#   remediation:
#     text: Set the viewer certificate's SSL support method to sni-only.
#     cli: aws cloudfront update-distribution --id DIST_ID --if-match ETAG --distribution-config file://config-with-sni-only.json
#     terraform: |
#       resource "aws_cloudfront_distribution" "this" {
#         viewer_certificate {
#           acm_certificate_arn = aws_acm_certificate.site.arn
#           ssl_support_method  = "sni-only"
#         }
#       }
package parapet.aws.cloudfront.cloudfront_distributions_https_sni_enabled

import rego.v1

import data.parapet.lib.cloudfront

method := input.resource.attributes.ViewerCertificate.SSLSupportMethod

status := "SKIPPED" if {
	is_object(input.resource.attributes.ViewerCertificate)
	not cloudfront.custom_certificate(input.resource.attributes)
}

status := "PASS" if {
	cloudfront.custom_certificate(input.resource.attributes)
	method == "sni-only"
}

status := "FAIL" if {
	cloudfront.custom_certificate(input.resource.attributes)
	not method == "sni-only"
}

reason := sprintf("distribution %s uses the default certificate, which needs no SSL support method", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("distribution %s serves its certificate with SNI", [input.resource.name]) if status == "PASS"

reason := sprintf("distribution %s serves its certificate from dedicated IP addresses (%v) instead of SNI", [input.resource.name, method]) if status == "FAIL"
