package parapet.aws.waf.waf_global_webacl_with_rules_test

import rego.v1

import data.parapet.aws.waf.waf_global_webacl_with_rules as control

acl(rules) := {"resource": {"name": "edge", "attributes": {"Rules": rules}}}

test_rules_pass if {
	inp := acl([{"Priority": 1, "RuleId": "r1", "Type": "REGULAR"}, {"Priority": 2, "RuleId": "g1", "Type": "GROUP"}])
	control.status == "PASS" with input as inp
	control.reason == "web ACL edge has 2 rules" with input as inp
}

test_empty_fails if {
	control.status == "FAIL" with input as acl([])
	control.reason == "web ACL edge has no rules and applies only its default action" with input as acl([])
}

test_unread_acl_decides_nothing if not control.status with input as acl(null)
