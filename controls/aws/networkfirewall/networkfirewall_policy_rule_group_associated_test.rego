package parapet.aws.networkfirewall.networkfirewall_policy_rule_group_associated_test

import rego.v1

import data.parapet.aws.networkfirewall.networkfirewall_policy_rule_group_associated as control

fw(policy) := {"resource": {"name": "egress", "attributes": {"firewall_policy": policy}}}

test_stateful_group_passes if {
	inp := fw({"StatelessDefaultActions": ["aws:forward_to_sfe"], "StatefulRuleGroupReferences": [{"ResourceArn": "arn:x"}]})
	control.status == "PASS" with input as inp
	control.reason == "firewall egress's policy references 1 rule groups" with input as inp
}

test_stateless_group_passes if control.status == "PASS" with input as fw({"StatelessRuleGroupReferences": [{"ResourceArn": "arn:y", "Priority": 1}]})

test_no_groups_fails if {
	inp := fw({"StatelessDefaultActions": ["aws:forward_to_sfe"]})
	control.status == "FAIL" with input as inp
	control.reason == "firewall egress's policy references no rule group" with input as inp
}

test_unread_policy_decides_nothing if not control.status with input as fw(null)
