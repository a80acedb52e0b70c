package parapet.aws.elbv2.elbv2_insecure_ssl_ciphers_test

import rego.v1

import data.parapet.aws.elbv2.elbv2_insecure_ssl_ciphers as control

lb(listeners) := {"resource": {"name": "web", "attributes": {"listeners": listeners}}}

test_modern_policies_pass if {
	inp := lb([
		{"Protocol": "HTTPS", "Port": "443", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"},
		{"Protocol": "TLS", "Port": "8443", "SslPolicy": "ELBSecurityPolicy-FS-1-2-Res-2020-10"},
		{"Protocol": "HTTP", "Port": "80", "SslPolicy": null},
	])
	control.status == "PASS" with input as inp
	control.reason == "load balancer web accepts only TLS 1.2+ with forward-secret ciphers" with input as inp
}

test_default_2016_policy_fails if {
	inp := lb([{"Protocol": "HTTPS", "Port": "443", "SslPolicy": "ELBSecurityPolicy-2016-08"}])
	control.status == "FAIL" with input as inp
	control.reason == "load balancer web has listeners whose security policy accepts legacy TLS versions or ciphers: HTTPS:443 (ELBSecurityPolicy-2016-08)" with input as inp
}

test_tls13_policy_allowing_tls10_fails if control.status == "FAIL" with input as lb([{"Protocol": "HTTPS", "Port": "443", "SslPolicy": "ELBSecurityPolicy-TLS13-1-0-2021-06"}])

test_tls12_policy_without_forward_secrecy_fails if control.status == "FAIL" with input as lb([{"Protocol": "HTTPS", "Port": "443", "SslPolicy": "ELBSecurityPolicy-TLS-1-2-2017-01"}])

test_plain_only_is_skipped if control.status == "SKIPPED" with input as lb([{"Protocol": "HTTP", "Port": "80"}])

test_unread_listeners_decide_nothing if not control.status with input as lb(null)
