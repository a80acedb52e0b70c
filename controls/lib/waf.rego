# Verdicts shared by the WAF Classic controls: the global (CloudFront) and regional
# flavours hold the same documents and are judged the same way.
package parapet.lib.waf

import rego.v1

# A rule matches nothing without conditions (predicates).
rule_verdict(resource) := {"status": "PASS", "reason": sprintf("rule %s has %d conditions", [resource.name, count(resource.attributes.Predicates)])} if {
	is_array(resource.attributes.Predicates)
	count(resource.attributes.Predicates) > 0
}

rule_verdict(resource) := {"status": "FAIL", "reason": sprintf("rule %s has no conditions and matches no request", [resource.name])} if {
	resource.attributes.Predicates == []
}

rule_group_verdict(resource) := {"status": "PASS", "reason": sprintf("rule group %s has %d rules", [resource.name, count(resource.attributes.activated_rules)])} if {
	is_array(resource.attributes.activated_rules)
	count(resource.attributes.activated_rules) > 0
}

rule_group_verdict(resource) := {"status": "FAIL", "reason": sprintf("rule group %s has no rules", [resource.name])} if {
	resource.attributes.activated_rules == []
}

web_acl_rules_verdict(resource) := {"status": "PASS", "reason": sprintf("web ACL %s has %d rules", [resource.name, count(resource.attributes.Rules)])} if {
	is_array(resource.attributes.Rules)
	count(resource.attributes.Rules) > 0
}

web_acl_rules_verdict(resource) := {"status": "FAIL", "reason": sprintf("web ACL %s has no rules and applies only its default action", [resource.name])} if {
	resource.attributes.Rules == []
}
