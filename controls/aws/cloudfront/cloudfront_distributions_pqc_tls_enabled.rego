# METADATA
# title: CloudFront distribution requires TLS 1.3, with post-quantum key exchange
# description: |
#   CloudFront offers hybrid post-quantum key exchange (ML-KEM with X25519) on TLS 1.3
#   connections. Checks that the viewer security policy is TLSv1.3_2025, which refuses
#   TLS 1.2 and below, so no viewer falls back to a classical-only key exchange. The
#   default *.cloudfront.net certificate cannot change its policy (TLSv1) and fails.
# custom:
#   id: cloudfront_distributions_pqc_tls_enabled
#   severity: low
#   service: cloudfront
#   resource_type: AWS::CloudFront::Distribution
#   requires: [ViewerCertificate]
#   risk: Traffic of viewers negotiating TLS 1.2 can be recorded now and decrypted once a large quantum computer breaks its key exchange.
#   remediation:
#     text: Use a certificate of your own and set the minimum protocol version to TLSv1.3_2025 once all viewers support TLS 1.3.
#     cli: aws cloudfront update-distribution --id DIST_ID --if-match ETAG --distribution-config file://config-with-tls13.json
#     terraform: |
#       resource "aws_cloudfront_distribution" "this" {
#         viewer_certificate {
#           acm_certificate_arn      = aws_acm_certificate.site.arn
#           ssl_support_method       = "sni-only"
#           minimum_protocol_version = "TLSv1.3_2025"
#         }
#       }
package parapet.aws.cloudfront.cloudfront_distributions_pqc_tls_enabled

import rego.v1

import data.parapet.lib.cloudfront

cert := input.resource.attributes.ViewerCertificate

tls13_only if {
	cloudfront.custom_certificate(input.resource.attributes)
	startswith(cert.MinimumProtocolVersion, "TLSv1.3")
}

status := "PASS" if tls13_only

status := "FAIL" if {
	is_object(cert)
	not tls13_only
}

reason := sprintf("distribution %s requires TLS 1.3 (%s), where post-quantum key exchange is offered", [input.resource.name, cert.MinimumProtocolVersion]) if status == "PASS"

reason := sprintf("distribution %s accepts viewers below TLS 1.3 (policy %v), whose key exchange is classical only", [input.resource.name, object.get(cert, "MinimumProtocolVersion", "TLSv1")]) if status == "FAIL"
