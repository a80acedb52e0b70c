package parapet.aws.cloudfront.cloudfront_distributions_using_deprecated_ssl_protocols_test

import rego.v1

import data.parapet.aws.cloudfront.cloudfront_distributions_using_deprecated_ssl_protocols as control

acm := "arn:aws:acm:us-east-1:123456789012:certificate/x"

origin(protocols) := {"Id": "api", "CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "OriginSslProtocols": {"Quantity": "1", "Items": protocols}}}

dist(origins, cert) := {"resource": {"name": "E1", "attributes": {"Origins": {"Items": origins}, "ViewerCertificate": cert}}}

modern := {"CloudFrontDefaultCertificate": false, "ACMCertificateArn": acm, "MinimumProtocolVersion": "TLSv1.2_2021"}

test_tls12_passes if {
	inp := dist([origin(["TLSv1.2"])], modern)
	control.status == "PASS" with input as inp
	control.reason == "distribution E1 allows no deprecated SSL/TLS protocol" with input as inp
}

test_sslv3_origin_fails if {
	inp := dist([origin(["SSLv3", "TLSv1.2"])], modern)
	control.status == "FAIL" with input as inp
	control.reason == "distribution E1 allows deprecated protocols: origin api allows SSLv3" with input as inp
}

test_old_viewer_policy_fails if {
	inp := dist([origin(["TLSv1.2"])], {"CloudFrontDefaultCertificate": false, "ACMCertificateArn": acm, "MinimumProtocolVersion": "TLSv1.1_2016"})
	control.reason == "distribution E1 allows deprecated protocols: viewers may use TLSv1.1_2016" with input as inp
}

test_default_certificate_is_left_to_its_own_control if control.status == "PASS" with input as dist([], {"CloudFrontDefaultCertificate": true, "MinimumProtocolVersion": "TLSv1"})
