# METADATA
# title: WAF Classic regional rule group has rules
# description: |
#   Checks that the AWS WAF Classic regional rule group contains at least one rule.
# custom:
#   id: waf_regional_rulegroup_not_empty
#   severity: medium
#   service: waf
#   resource_type: AWS::WAFRegional::RuleGroup
#   requires: [activated_rules]
#   risk: A web ACL using the empty group inspects nothing with it, so the traffic it was meant to stop gets through.
#   remediation:
#     text: Add rules to the rule group (or migrate to AWS WAF v2).
#     cli: aws waf-regional update-rule-group --rule-group-id GROUP_ID --change-token TOKEN --updates Action=INSERT,ActivatedRule={Priority=1,RuleId=RULE_ID,Action={Type=BLOCK}}
package parapet.aws.waf.waf_regional_rulegroup_not_empty

import rego.v1

import data.parapet.lib.waf

verdict := waf.rule_group_verdict(input.resource)

status := verdict.status

reason := verdict.reason
