# METADATA
# title: WAF Classic global (CloudFront) web ACL has rules
# description: |
#   Checks that the AWS WAF Classic global (CloudFront) web ACL contains at least one
#   rule or rule group. Without rules it applies only its default action to every
#   request.
# custom:
#   id: waf_global_webacl_with_rules
#   severity: medium
#   service: waf
#   resource_type: AWS::WAF::WebACL
#   requires: [Rules]
#   risk: The resources behind the web ACL look protected but no request is inspected.
#   remediation:
#     text: Add rules or rule groups to the web ACL (or migrate to AWS WAF v2).
#     cli: aws waf update-web-acl --web-acl-id ACL_ID --change-token TOKEN --updates Action=INSERT,ActivatedRule={Priority=1,RuleId=RULE_ID,Action={Type=BLOCK}}
package parapet.aws.waf.waf_global_webacl_with_rules

import rego.v1

import data.parapet.lib.waf

verdict := waf.web_acl_rules_verdict(input.resource)

status := verdict.status

reason := verdict.reason
