package parapet.lib.waf_test

import rego.v1

import data.parapet.lib.waf

res(attrs) := {"name": "r", "attributes": attrs}

test_rule_verdicts if {
	waf.rule_verdict(res({"Predicates": [{"Type": "IPMatch"}]})).status == "PASS"
	waf.rule_verdict(res({"Predicates": []})).reason == "rule r has no conditions and matches no request"
	not waf.rule_verdict(res({"Predicates": null}))
}

test_rule_group_and_acl_verdicts if {
	waf.rule_group_verdict(res({"activated_rules": []})).status == "FAIL"
	waf.web_acl_rules_verdict(res({"Rules": [{"RuleId": "x"}]})).reason == "web ACL r has 1 rules"
}
