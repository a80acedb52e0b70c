package parapet.aws.wafv2.wafv2_webacl_with_rules_test

import rego.v1

import data.parapet.aws.wafv2.wafv2_webacl_with_rules as control

acl(rules, fms) := {"resource": {"name": "edge", "attributes": {"Rules": rules, "PostProcessFirewallManagerRuleGroups": fms}}}

test_rules_pass if {
	control.status == "PASS" with input as acl([{"Name": "rate"}], [])
	control.reason == "web ACL edge has 1 rules" with input as acl([{"Name": "rate"}], [])
}

test_firewall_manager_groups_count if control.status == "PASS" with input as acl([], [{"Name": "fms"}])

test_empty_fails if {
	control.status == "FAIL" with input as acl([], null)
	control.reason == "web ACL edge has no rules and applies only its default action" with input as acl([], null)
}

test_unread_rules_decide_nothing if not control.status with input as acl(null, null)
