package parapet.aws.ec2.ec2_instance_detailed_monitoring_enabled_test

import rego.v1

import data.parapet.aws.ec2.ec2_instance_detailed_monitoring_enabled as control

instance(state) := {"resource": {"name": "web", "attributes": {"Monitoring": {"State": state}}}}

test_enabled_passes if control.status == "PASS" with input as instance("enabled")

test_disabled_fails if {
	control.status == "FAIL" with input as instance("disabled")
	control.reason == "instance web has detailed monitoring disabled" with input as instance("disabled")
}

# "pending" is on its way but not on yet.
test_pending_fails if control.status == "FAIL" with input as instance("pending")
