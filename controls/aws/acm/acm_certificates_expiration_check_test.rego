package parapet.aws.acm.acm_certificates_expiration_check_test

import rego.v1

import data.parapet.aws.acm.acm_certificates_expiration_check as control

cert(not_after, in_use) := {"now": "2026-06-01T00:00:00Z", "resource": {"name": "www.example.com", "attributes": {"NotAfter": not_after, "InUseBy": in_use}}}

lb := ["arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1"]

test_far_expiry_passes if {
	control.status == "PASS" with input as cert("2026-12-01T00:00:00Z", lb)
	control.reason == "certificate www.example.com expires in 183 days" with input as cert("2026-12-01T00:00:00Z", lb)
}

test_near_expiry_fails if control.status == "FAIL" with input as cert("2026-06-15T00:00:00Z", lb)

test_expired_fails if {
	inp := cert("2026-05-01T00:00:00Z", lb)
	control.status == "FAIL" with input as inp
	control.reason == "certificate www.example.com expired 31 days ago and is still in use" with input as inp
}

test_unused_is_skipped if control.status == "SKIPPED" with input as cert("2026-05-01T00:00:00Z", [])
