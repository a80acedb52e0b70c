package parapet.aws.wafv2.wafv2_webacl_rule_logging_enabled_test

import rego.v1

import data.parapet.aws.wafv2.wafv2_webacl_rule_logging_enabled as control

rule(name, metrics) := {"Name": name, "VisibilityConfig": {"CloudWatchMetricsEnabled": metrics, "SampledRequestsEnabled": true}}

acl(rules, fms) := {"resource": {"name": "edge", "attributes": {"Rules": rules, "PreProcessFirewallManagerRuleGroups": fms}}}

test_all_metered_passes if {
	inp := acl([rule("rate", true), rule("sqli", true)], [])
	control.status == "PASS" with input as inp
	control.reason == "web ACL edge publishes CloudWatch metrics for all 2 rules" with input as inp
}

test_unmetered_rule_fails if {
	inp := acl([rule("rate", true), rule("sqli", false)], [])
	control.status == "FAIL" with input as inp
	control.reason == "web ACL edge has rules without CloudWatch metrics: sqli" with input as inp
}

test_unmetered_firewall_manager_group_fails if control.status == "FAIL" with input as acl([rule("rate", true)], [rule("fms-baseline", false)])

test_no_rules_is_skipped if control.status == "SKIPPED" with input as acl([], null)

test_unread_rules_decide_nothing if not control.status with input as acl(null, null)
