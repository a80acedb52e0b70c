package parapet.aws.apigateway.apigateway_domain_name_pqc_tls_enabled_test

import rego.v1

import data.parapet.aws.apigateway.apigateway_domain_name_pqc_tls_enabled as control

domain(policy) := {"resource": {"name": "api.example.com", "attributes": {"securityPolicy": policy}}}

test_pq_policy_passes if {
	control.status == "PASS" with input as domain("SecurityPolicy_TLS13_1_3_PQ_2025_09")
	control.reason == "domain api.example.com uses post-quantum TLS policy SecurityPolicy_TLS13_1_3_PQ_2025_09" with input as domain("SecurityPolicy_TLS13_1_3_PQ_2025_09")
}

test_classical_policies_fail if {
	control.status == "FAIL" with input as domain("TLS_1_2")
	control.status == "FAIL" with input as domain("SecurityPolicy_TLS13_1_3_2025_09")
	control.reason == "domain api.example.com uses TLS policy TLS_1_0, without post-quantum key exchange" with input as domain("TLS_1_0")
}
