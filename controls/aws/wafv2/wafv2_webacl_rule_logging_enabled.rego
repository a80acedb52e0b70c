# METADATA
# title: WAF web ACL rules publish CloudWatch metrics
# description: |
#   Checks that every rule of the AWS WAF (v2) web ACL, including rule groups Firewall
#   Manager adds before and after them, has CloudWatch metrics enabled in its visibility
#   configuration, so each rule's matches are counted. Web ACLs without rules are skipped
#   (wafv2_webacl_with_rules reports them).
# custom:
#   id: wafv2_webacl_rule_logging_enabled
#   severity: low
#   service: wafv2
#   resource_type: AWS::WAFv2::WebACL
#   requires: [Rules, PostProcessFirewallManagerRuleGroups, PreProcessFirewallManagerRuleGroups]
#   risk: A rule that starts blocking legitimate traffic, or stops matching attacks, goes unnoticed without its per-rule metrics and alarms.
#   remediation:
#     text: Turn on CloudWatch metrics in the visibility configuration of every rule.
#     cli: aws wafv2 update-web-acl --name NAME --scope REGIONAL --id ID --lock-token TOKEN --default-action Allow={} --visibility-config SampledRequestsEnabled=true,CloudWatchMetricsEnabled=true,MetricName=NAME --rules file://rules-with-metrics.json
#     terraform: |
#       resource "aws_wafv2_web_acl" "this" {
#         rule {
#           visibility_config {
#             cloudwatch_metrics_enabled = true
#             sampled_requests_enabled   = true
#             metric_name                = "rule-name"
#           }
#         }
#       }
package parapet.aws.wafv2.wafv2_webacl_rule_logging_enabled

import rego.v1

import data.parapet.lib.util

attrs := input.resource.attributes

rules := array.concat(
	array.concat(util.as_list(attrs.Rules), util.as_list(object.get(attrs, "PreProcessFirewallManagerRuleGroups", []))),
	util.as_list(object.get(attrs, "PostProcessFirewallManagerRuleGroups", [])),
)

unmetered := sort([r.Name | some r in rules; not r.VisibilityConfig.CloudWatchMetricsEnabled == true])

status := "SKIPPED" if {
	is_array(attrs.Rules)
	count(rules) == 0
}

status := "PASS" if {
	is_array(attrs.Rules)
	count(rules) > 0
	count(unmetered) == 0
}

status := "FAIL" if count(unmetered) > 0

reason := sprintf("web ACL %s has no rules", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("web ACL %s publishes CloudWatch metrics for all %d rules", [input.resource.name, count(rules)]) if status == "PASS"

reason := sprintf("web ACL %s has rules without CloudWatch metrics: %s", [input.resource.name, concat(", ", unmetered)]) if status == "FAIL"
