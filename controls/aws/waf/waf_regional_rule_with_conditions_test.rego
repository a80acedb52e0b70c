package parapet.aws.waf.waf_regional_rule_with_conditions_test

import rego.v1

import data.parapet.aws.waf.waf_regional_rule_with_conditions as control

rule(predicates) := {"resource": {"name": "block-ips", "attributes": {"Predicates": predicates}}}

test_conditions_pass if {
	inp := rule([{"Negated": false, "Type": "IPMatch", "DataId": "ipset-1"}])
	control.status == "PASS" with input as inp
	control.reason == "rule block-ips has 1 conditions" with input as inp
}

test_no_conditions_fail if {
	control.status == "FAIL" with input as rule([])
	control.reason == "rule block-ips has no conditions and matches no request" with input as rule([])
}

test_unread_rule_decides_nothing if not control.status with input as rule(null)
