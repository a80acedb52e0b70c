package parapet.aws.cloudfront.cloudfront_distributions_pqc_tls_enabled_test

import rego.v1

import data.parapet.aws.cloudfront.cloudfront_distributions_pqc_tls_enabled as control

acm := "arn:aws:acm:us-east-1:123456789012:certificate/x"

dist(cert) := {"resource": {"name": "E1", "attributes": {"ViewerCertificate": cert}}}

test_tls13_policy_passes if {
	inp := dist({"CloudFrontDefaultCertificate": false, "ACMCertificateArn": acm, "MinimumProtocolVersion": "TLSv1.3_2025"})
	control.status == "PASS" with input as inp
	control.reason == "distribution E1 requires TLS 1.3 (TLSv1.3_2025), where post-quantum key exchange is offered" with input as inp
}

test_tls12_policy_fails if {
	inp := dist({"CloudFrontDefaultCertificate": false, "ACMCertificateArn": acm, "MinimumProtocolVersion": "TLSv1.2_2021"})
	control.status == "FAIL" with input as inp
	control.reason == "distribution E1 accepts viewers below TLS 1.3 (policy TLSv1.2_2021), whose key exchange is classical only" with input as inp
}

test_default_certificate_fails if control.status == "FAIL" with input as dist({"CloudFrontDefaultCertificate": true, "MinimumProtocolVersion": "TLSv1"})
