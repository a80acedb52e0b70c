# METADATA
# title: WAF web ACL has rules
# description: |
#   Checks that the AWS WAF (v2) web ACL contains at least one rule or rule group of its
#   own or added by Firewall Manager. A web ACL without rules applies only its default
#   action to every request.
# custom:
#   id: wafv2_webacl_with_rules
#   severity: medium
#   service: wafv2
#   resource_type: AWS::WAFv2::WebACL
#   requires: [Rules, PostProcessFirewallManagerRuleGroups, PreProcessFirewallManagerRuleGroups]
#   risk: The resources behind an empty web ACL look protected but no request is inspected.
#   remediation:
#     text: Add rules to the web ACL, for example the AWS managed core rule set and known-bad-inputs rule groups.
#     terraform: |
#       resource "aws_wafv2_web_acl" "this" {
#         rule {
#           name     = "core"
#           priority = 1
#           override_action {
#             none {}
#           }
#           statement {
#             managed_rule_group_statement {
#               vendor_name = "AWS"
#               name        = "AWSManagedRulesCommonRuleSet"
#             }
#           }
#           visibility_config {
#             cloudwatch_metrics_enabled = true
#             sampled_requests_enabled   = true
#             metric_name                = "core"
#           }
#         }
#       }
package parapet.aws.wafv2.wafv2_webacl_with_rules

import rego.v1

import data.parapet.lib.util

attrs := input.resource.attributes

rule_count := (count(util.as_list(attrs.Rules)) + count(util.as_list(object.get(attrs, "PreProcessFirewallManagerRuleGroups", [])))) + count(util.as_list(object.get(attrs, "PostProcessFirewallManagerRuleGroups", [])))

status := "PASS" if {
	is_array(attrs.Rules)
	rule_count > 0
}

status := "FAIL" if {
	is_array(attrs.Rules)
	rule_count == 0
}

reason := sprintf("web ACL %s has %d rules", [input.resource.name, rule_count]) if status == "PASS"

reason := sprintf("web ACL %s has no rules and applies only its default action", [input.resource.name]) if status == "FAIL"
