package parapet.aws.elb.elb_desync_mitigation_mode_test

import rego.v1

import data.parapet.aws.elb.elb_desync_mitigation_mode as control

lb(mode) := {"resource": {"name": "legacy", "attributes": {"desync_mitigation_mode": mode}}}

test_defensive_passes if {
	control.status == "PASS" with input as lb("defensive")
	control.reason == "load balancer legacy mitigates desync attacks in defensive mode" with input as lb("defensive")
}

test_strictest_passes if control.status == "PASS" with input as lb("strictest")

test_monitor_fails if {
	control.status == "FAIL" with input as lb("monitor")
	control.reason == "load balancer legacy only monitors desync attacks (mode monitor) and forwards ambiguous requests" with input as lb("monitor")
}

test_absent_mode_is_an_error_not_a_verdict if control.status == "ERROR" with input as lb(null)
