# The stateless default action of a Network Firewall policy, shared by the controls
# over full and fragmented packets.
package parapet.lib.networkfirewall

import rego.v1

# The standard action among a default action list (custom actions only add metrics).
standard_action(actions) := a if {
	some a in actions
	a in {"aws:pass", "aws:drop", "aws:forward_to_sfe"}
}

# PASS when packets no stateless rule matched are dropped or inspected by the stateful
# engine, FAIL when they pass uninspected.
default_action_verdict(resource, field, packets) := {"status": "PASS", "reason": sprintf("firewall %s %s unmatched %s", [resource.name, verb[action], packets])} if {
	action := standard_action(resource.attributes.firewall_policy[field])
	action != "aws:pass"
}

default_action_verdict(resource, field, packets) := {"status": "FAIL", "reason": sprintf("firewall %s passes unmatched %s without inspection", [resource.name, packets])} if {
	standard_action(resource.attributes.firewall_policy[field]) == "aws:pass"
}

verb := {"aws:drop": "drops", "aws:forward_to_sfe": "sends to stateful inspection"}
