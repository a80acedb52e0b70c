package parapet.aws.cloudfront.cloudfront_distributions_https_sni_enabled_test

import rego.v1

import data.parapet.aws.cloudfront.cloudfront_distributions_https_sni_enabled as control

acm := "arn:aws:acm:us-east-1:123456789012:certificate/x"

dist(cert) := {"resource": {"name": "E1", "attributes": {"ViewerCertificate": cert}}}

test_sni_passes if {
	inp := dist({"CloudFrontDefaultCertificate": false, "ACMCertificateArn": acm, "SSLSupportMethod": "sni-only"})
	control.status == "PASS" with input as inp
	control.reason == "distribution E1 serves its certificate with SNI" with input as inp
}

test_vip_fails if {
	inp := dist({"CloudFrontDefaultCertificate": false, "ACMCertificateArn": acm, "SSLSupportMethod": "vip"})
	control.status == "FAIL" with input as inp
	control.reason == "distribution E1 serves its certificate from dedicated IP addresses (vip) instead of SNI" with input as inp
}

test_default_certificate_is_skipped if control.status == "SKIPPED" with input as dist({"CloudFrontDefaultCertificate": true})
