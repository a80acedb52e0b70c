package parapet.aws.elbv2.elbv2_listener_pqc_tls_enabled_test

import rego.v1

import data.parapet.aws.elbv2.elbv2_listener_pqc_tls_enabled as control

lb(listeners) := {"resource": {"name": "web", "attributes": {"listeners": listeners}}}

test_pq_policy_passes if {
	inp := lb([{"Protocol": "HTTPS", "Port": "443", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09"}, {"Protocol": "HTTP", "Port": "80"}])
	control.status == "PASS" with input as inp
	control.reason == "load balancer web offers post-quantum key exchange on all its TLS listeners" with input as inp
}

test_classical_policy_fails if {
	inp := lb([
		{"Protocol": "TLS", "Port": "443", "SslPolicy": "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09"},
		{"Protocol": "HTTPS", "Port": "8443", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"},
	])
	control.status == "FAIL" with input as inp
	control.reason == "load balancer web has TLS listeners without post-quantum key exchange: HTTPS:8443 (ELBSecurityPolicy-TLS13-1-2-2021-06)" with input as inp
}

test_no_tls_listener_is_skipped if control.status == "SKIPPED" with input as lb([])
