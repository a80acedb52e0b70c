package parapet.aws.networkfirewall.networkfirewall_policy_default_action_full_packets_test

import rego.v1

import data.parapet.aws.networkfirewall.networkfirewall_policy_default_action_full_packets as control

fw(actions) := {"resource": {"name": "egress", "attributes": {"firewall_policy": {"StatelessDefaultActions": actions}}}}

test_forward_passes if {
	inp := fw(["aws:forward_to_sfe"])
	control.status == "PASS" with input as inp
	control.reason == "firewall egress sends to stateful inspection unmatched full packets" with input as inp
}

test_drop_with_custom_metrics_action_passes if {
	inp := fw(["count-unmatched", "aws:drop"])
	control.reason == "firewall egress drops unmatched full packets" with input as inp
}

test_pass_fails if {
	inp := fw(["aws:pass"])
	control.status == "FAIL" with input as inp
	control.reason == "firewall egress passes unmatched full packets without inspection" with input as inp
}

test_unread_policy_decides_nothing if not control.status with input as {"resource": {"name": "egress", "attributes": {"firewall_policy": null}}}
