# METADATA
# title: WAF Classic regional rule has conditions
# description: |
#   Checks that the AWS WAF Classic regional rule has at least one condition (IP match,
#   string match, SQL injection, ...). A rule without conditions matches no request.
# custom:
#   id: waf_regional_rule_with_conditions
#   severity: medium
#   service: waf
#   resource_type: AWS::WAFRegional::Rule
#   requires: [Predicates]
#   risk: A web ACL relying on the rule inspects nothing with it, so the traffic it was meant to stop gets through.
#   remediation:
#     text: Add conditions to the rule (or migrate the web ACL to AWS WAF v2).
#     cli: aws waf-regional update-rule --rule-id RULE_ID --change-token TOKEN --updates Action=INSERT,Predicate={Negated=false,Type=IPMatch,DataId=IPSET_ID}
package parapet.aws.waf.waf_regional_rule_with_conditions

import rego.v1

import data.parapet.lib.waf

verdict := waf.rule_verdict(input.resource)

status := verdict.status

reason := verdict.reason
