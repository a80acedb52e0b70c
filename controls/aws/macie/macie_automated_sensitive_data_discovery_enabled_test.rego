package parapet.aws.macie.macie_automated_sensitive_data_discovery_enabled_test

import rego.v1

import data.parapet.aws.macie.macie_automated_sensitive_data_discovery_enabled as control

region(session, discovery) := {"resource": {"name": "111122223333", "region": "eu-west-1", "attributes": {"status": session, "automated_discovery": discovery}}}

test_on_passes if control.status == "PASS" with input as region("ENABLED", "ENABLED")

test_off_fails if {
	control.status == "FAIL" with input as region("ENABLED", "DISABLED")
	control.reason == "Macie is enabled in eu-west-1 but automated sensitive data discovery is off" with input as region("ENABLED", "DISABLED")
}

test_macie_off_is_skipped if {
	control.status == "SKIPPED" with input as region(null, null)
	control.status == "SKIPPED" with input as region("PAUSED", null)
}
