package parapet.lib.networkfirewall_test

import rego.v1

import data.parapet.lib.networkfirewall

test_standard_action_ignores_custom_actions if {
	networkfirewall.standard_action(["metrics", "aws:drop"]) == "aws:drop"
	not networkfirewall.standard_action(["metrics"])
}
