package parapet.aws.shield.shield_advanced_protection_in_internet_facing_load_balancers_test

import rego.v1

import data.parapet.aws.shield.shield_advanced_protection_in_internet_facing_load_balancers as control

lb(scheme, shield) := {"resource": {"name": "web", "attributes": {"Type": "application", "Scheme": scheme, "shield_advanced": shield}}}

test_protected_passes if {
	inp := lb("internet-facing", {"subscribed": true, "protected": true})
	control.status == "PASS" with input as inp
	control.reason == "internet-facing load balancer web is protected by Shield Advanced" with input as inp
}

test_unprotected_fails if {
	inp := lb("internet-facing", {"subscribed": true, "protected": false})
	control.status == "FAIL" with input as inp
	control.reason == "internet-facing load balancer web has no Shield Advanced protection" with input as inp
}

test_no_subscription_fails_and_says_so if {
	inp := lb("internet-facing", {"subscribed": false, "protected": false})
	control.status == "FAIL" with input as inp
	control.reason == "internet-facing load balancer web has no Shield Advanced protection: the account does not subscribe to Shield Advanced" with input as inp
}

test_internal_is_skipped if control.status == "SKIPPED" with input as lb("internal", {"subscribed": false, "protected": false})

test_network_lb_is_skipped if {
	inp := {"resource": {"name": "nlb", "attributes": {"Type": "network", "Scheme": "internet-facing", "shield_advanced": {"subscribed": true, "protected": false}}}}
	control.status == "SKIPPED" with input as inp
}
