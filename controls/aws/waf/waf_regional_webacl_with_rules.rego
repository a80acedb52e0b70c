# METADATA
# title: WAF Classic regional web ACL has rules
# description: |
#   Checks that the AWS WAF Classic regional web ACL contains at least one rule or rule
#   group. Without rules it applies only its default action to every request.
# custom:
#   id: waf_regional_webacl_with_rules
#   severity: medium
#   service: waf
#   resource_type: AWS::WAFRegional::WebACL
#   requires: [Rules]
#   risk: The resources behind the web ACL look protected but no request is inspected.
#   remediation:
#     text: Add rules or rule groups to the web ACL (or migrate to AWS WAF v2).
#     cli: aws waf-regional update-web-acl --web-acl-id ACL_ID --change-token TOKEN --updates Action=INSERT,ActivatedRule={Priority=1,RuleId=RULE_ID,Action={Type=BLOCK}}
package parapet.aws.waf.waf_regional_webacl_with_rules

import rego.v1

import data.parapet.lib.waf

verdict := waf.web_acl_rules_verdict(input.resource)

status := verdict.status

reason := verdict.reason
