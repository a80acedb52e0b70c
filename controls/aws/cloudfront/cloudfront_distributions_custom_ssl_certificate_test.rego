package parapet.aws.cloudfront.cloudfront_distributions_custom_ssl_certificate_test

import rego.v1

import data.parapet.aws.cloudfront.cloudfront_distributions_custom_ssl_certificate as control

dist(cert) := {"resource": {"name": "E1", "attributes": {"ViewerCertificate": cert}}}

test_acm_certificate_passes if {
	inp := dist({"CloudFrontDefaultCertificate": false, "ACMCertificateArn": "arn:aws:acm:us-east-1:1:certificate/x", "SSLSupportMethod": "sni-only"})
	control.status == "PASS" with input as inp
	control.reason == "distribution E1 presents its own certificate from ACM" with input as inp
}

test_iam_certificate_passes if {
	inp := dist({"CloudFrontDefaultCertificate": false, "IAMCertificateId": "ASCAEXAMPLE"})
	control.reason == "distribution E1 presents its own certificate from IAM" with input as inp
}

test_default_certificate_fails if {
	inp := dist({"CloudFrontDefaultCertificate": true, "MinimumProtocolVersion": "TLSv1"})
	control.status == "FAIL" with input as inp
	control.reason == "distribution E1 presents the default *.cloudfront.net certificate" with input as inp
}
