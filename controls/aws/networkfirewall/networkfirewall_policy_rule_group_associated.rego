# METADATA
# title: Network Firewall policy has rule groups
# description: |
#   Checks that the firewall's policy references at least one stateless or stateful
#   rule group. A policy without rule groups only applies its default actions.
# custom:
#   id: networkfirewall_policy_rule_group_associated
#   severity: medium
#   service: networkfirewall
#   resource_type: AWS::NetworkFirewall::Firewall
#   requires: [firewall_policy]
#   risk: The firewall filters nothing specific, so traffic to known-bad domains, ports or addresses is treated like any other.
#   remediation:
#     text: Create rule groups (for example domain allow-lists or managed threat signatures) and reference them in the firewall policy.
#     cli: aws network-firewall update-firewall-policy --firewall-policy-name POLICY --update-token TOKEN --firewall-policy file://policy-with-rule-groups.json
#     terraform: |
#       resource "aws_networkfirewall_firewall_policy" "this" {
#         firewall_policy {
#           stateful_rule_group_reference {
#             resource_arn = aws_networkfirewall_rule_group.domains.arn
#           }
#         }
#       }
package parapet.aws.networkfirewall.networkfirewall_policy_rule_group_associated

import rego.v1

import data.parapet.lib.util

policy := input.resource.attributes.firewall_policy

groups := array.concat(util.as_list(object.get(policy, "StatelessRuleGroupReferences", [])), util.as_list(object.get(policy, "StatefulRuleGroupReferences", []))) if is_object(policy)

status := "PASS" if count(groups) > 0

status := "FAIL" if count(groups) == 0

reason := sprintf("firewall %s's policy references %d rule groups", [input.resource.name, count(groups)]) if status == "PASS"

reason := sprintf("firewall %s's policy references no rule group", [input.resource.name]) if status == "FAIL"
