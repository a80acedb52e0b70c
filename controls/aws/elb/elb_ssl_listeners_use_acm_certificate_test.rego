package parapet.aws.elb.elb_ssl_listeners_use_acm_certificate_test

import rego.v1

import data.parapet.aws.elb.elb_ssl_listeners_use_acm_certificate as control

acm := "arn:aws:acm:us-east-1:123456789012:certificate/abc"

iam := "arn:aws:iam::123456789012:server-certificate/old"

lb(listeners) := {"resource": {"name": "legacy", "attributes": {"ListenerDescriptions": [{"Listener": l} | some l in listeners]}}}

test_acm_passes if {
	inp := lb([{"Protocol": "HTTPS", "LoadBalancerPort": "443", "SSLCertificateId": acm}, {"Protocol": "HTTP", "LoadBalancerPort": "80"}])
	control.status == "PASS" with input as inp
	control.reason == "load balancer legacy presents ACM certificates on all its TLS listeners" with input as inp
}

test_iam_certificate_fails if {
	inp := lb([{"Protocol": "HTTPS", "LoadBalancerPort": "443", "SSLCertificateId": acm}, {"Protocol": "SSL", "LoadBalancerPort": "8443", "SSLCertificateId": iam}])
	control.status == "FAIL" with input as inp
	control.reason == "load balancer legacy presents certificates not managed by ACM on: SSL:8443" with input as inp
}

test_lowercase_protocol_counts if control.status == "FAIL" with input as lb([{"Protocol": "https", "LoadBalancerPort": "443", "SSLCertificateId": iam}])

test_govcloud_acm_passes if control.status == "PASS" with input as lb([{"Protocol": "HTTPS", "LoadBalancerPort": "443", "SSLCertificateId": "arn:aws-us-gov:acm:us-gov-west-1:1:certificate/x"}])

test_plain_listeners_only_is_skipped if control.status == "SKIPPED" with input as lb([{"Protocol": "HTTP", "LoadBalancerPort": "80"}])
