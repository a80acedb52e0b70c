package parapet.aws.elbv2.elbv2_deletion_protection_test

import rego.v1

import data.parapet.aws.elbv2.elbv2_deletion_protection as control

lb(attributes) := {"resource": {"name": "web", "attributes": {"Type": "application", "attributes": attributes}}}

test_protected_passes if {
	control.status == "PASS" with input as lb({"deletion_protection.enabled": "true"})
	control.reason == "load balancer web has deletion protection on" with input as lb({"deletion_protection.enabled": "true"})
}

test_unprotected_fails if {
	control.status == "FAIL" with input as lb({"deletion_protection.enabled": "false"})
	control.reason == "load balancer web can be deleted without first turning deletion protection off" with input as lb({"deletion_protection.enabled": "false"})
}

test_missing_key_fails if control.status == "FAIL" with input as lb({})

test_unread_attributes_decide_nothing if not control.status with input as lb(null)
