package parapet.aws.macie.macie_is_enabled_test

import rego.v1

import data.parapet.aws.macie.macie_is_enabled as control

region(st) := {"resource": {
	"name": "session", "region": "eu-west-1",
	"attributes": {"status": st},
}}

test_enabled_passes if {
	control.status == "PASS" with input as region("ENABLED")
	control.reason == "Macie is enabled in eu-west-1 (session)" with input as region("ENABLED")
}

test_never_enabled_fails if {
	control.status == "FAIL" with input as region(null)
	control.reason == "Macie is not enabled in eu-west-1 (session)" with input as region(null)
}

test_paused_fails if {
	control.status == "FAIL" with input as region("PAUSED")
	control.reason == "Macie is paused in eu-west-1 (session)" with input as region("PAUSED")
}

test_missing_attribute_fails if control.status == "FAIL" with input as {"resource": {"name": "session", "region": "eu-west-1", "attributes": {}}}
