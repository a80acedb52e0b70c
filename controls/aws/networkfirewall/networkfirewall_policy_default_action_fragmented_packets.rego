# METADATA
# title: Network Firewall policy does not pass unmatched fragmented packets
# description: |
#   Checks the firewall policy's stateless default action for fragmented UDP packets that
#   match no stateless rule: aws:drop or aws:forward_to_sfe (stateful inspection) pass,
#   aws:pass fails because such packets then skip every remaining rule.
# custom:
#   id: networkfirewall_policy_default_action_fragmented_packets
#   severity: medium
#   service: networkfirewall
#   resource_type: AWS::NetworkFirewall::Firewall
#   requires: [firewall_policy]
#   risk: Traffic no rule anticipated crosses the firewall uninspected, so the VPC's perimeter lets through anything not explicitly denied.
#   remediation:
#     text: Set the policy's stateless default action for fragmented packets to aws:forward_to_sfe (or aws:drop).
#     cli: aws network-firewall update-firewall-policy --firewall-policy-name POLICY --update-token TOKEN --firewall-policy '{"StatelessDefaultActions":["aws:forward_to_sfe"],"StatelessFragmentDefaultActions":["aws:forward_to_sfe"]}'
#     terraform: |
#       resource "aws_networkfirewall_firewall_policy" "this" {
#         firewall_policy {
#           stateless_fragment_default_actions = ["aws:forward_to_sfe"]
#         }
#       }
package parapet.aws.networkfirewall.networkfirewall_policy_default_action_fragmented_packets

import rego.v1

import data.parapet.lib.networkfirewall

verdict := networkfirewall.default_action_verdict(input.resource, "StatelessFragmentDefaultActions", "fragmented packets")

status := verdict.status

reason := verdict.reason
