package parapet.aws.waf.waf_regional_rulegroup_not_empty_test

import rego.v1

import data.parapet.aws.waf.waf_regional_rulegroup_not_empty as control

group(rules) := {"resource": {"name": "baseline", "attributes": {"activated_rules": rules}}}

test_rules_pass if {
	inp := group([{"Priority": 1, "RuleId": "r1", "Action": {"Type": "BLOCK"}}])
	control.status == "PASS" with input as inp
	control.reason == "rule group baseline has 1 rules" with input as inp
}

test_empty_fails if {
	control.status == "FAIL" with input as group([])
	control.reason == "rule group baseline has no rules" with input as group([])
}

test_unread_group_decides_nothing if not control.status with input as group(null)
