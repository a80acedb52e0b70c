# METADATA
# title: CloudFront distribution serves its own TLS certificate
# description: |
#   Checks that the distribution presents a certificate of its own (from ACM, or
#   uploaded to IAM) instead of the default *.cloudfront.net certificate, which also
#   pins the viewer security policy to TLSv1.
# custom:
#   id: cloudfront_distributions_custom_ssl_certificate
#   severity: low
#   service: cloudfront
#   resource_type: AWS::CloudFront::Distribution
#   requires: [ViewerCertificate]
#   risk: Viewers reach the distribution only under the shared *.cloudfront.net name, so its own domain cannot be served over HTTPS and the minimum TLS version cannot be raised above TLS 1.0.
#   remediation:
#     text: Request an ACM certificate in us-east-1 for the distribution's domain names and set it as the viewer certificate with the sni-only method.
#     cli: aws cloudfront update-distribution --id DIST_ID --if-match ETAG --distribution-config file://config-with-acm-certificate.json
#     terraform: |
#       resource "aws_cloudfront_distribution" "this" {
#         viewer_certificate {
#           acm_certificate_arn      = aws_acm_certificate.site.arn
#           ssl_support_method       = "sni-only"
#           minimum_protocol_version = "TLSv1.2_2021"
#         }
#       }
package parapet.aws.cloudfront.cloudfront_distributions_custom_ssl_certificate

import rego.v1

import data.parapet.lib.cloudfront

attrs := input.resource.attributes

source := "ACM" if is_string(attrs.ViewerCertificate.ACMCertificateArn)

source := "IAM" if {
	not is_string(attrs.ViewerCertificate.ACMCertificateArn)
	is_string(attrs.ViewerCertificate.IAMCertificateId)
}

status := "PASS" if cloudfront.custom_certificate(attrs)

status := "FAIL" if {
	is_object(attrs.ViewerCertificate)
	not cloudfront.custom_certificate(attrs)
}

reason := sprintf("distribution %s presents its own certificate from %s", [input.resource.name, source]) if status == "PASS"

reason := sprintf("distribution %s presents the default *.cloudfront.net certificate", [input.resource.name]) if status == "FAIL"
