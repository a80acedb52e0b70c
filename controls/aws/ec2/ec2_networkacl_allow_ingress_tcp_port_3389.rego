# METADATA
# title: Network ACL does not allow ingress from the internet to TCP port 3389 (RDP)
# description: |
#   Evaluates the network ACL's inbound entries the way AWS does (ascending rule number,
#   first match wins) and checks that traffic from 0.0.0.0/0 or ::/0 to TCP port 3389 (RDP)
#   is denied. An allow for the whole internet is harmless when a lower-numbered deny for
#   the whole internet covers the port first.
# custom:
#   id: ec2_networkacl_allow_ingress_tcp_port_3389
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::NetworkAcl
#   requires: [Entries]
#   risk: The subnets using this ACL rely on security groups alone to keep RDP administration ports closed to the internet, leaving them one group change away from remote login attempts.
#   remediation:
#     text: Add an inbound deny entry for TCP port 3389 from 0.0.0.0/0 and ::/0 with a lower rule number than the allow, or narrow the allow to the address ranges that administer these hosts.
#     cli: aws ec2 create-network-acl-entry --network-acl-id ACL_ID --ingress --rule-number 50 --protocol 6 --port-range From=3389,To=3389 --cidr-block 0.0.0.0/0 --rule-action deny
#     cloudformation: |
#       DenyRDPFromInternet:
#         Type: AWS::EC2::NetworkAclEntry
#         Properties:
#           NetworkAclId: !Ref Acl
#           RuleNumber: 50
#           Protocol: 6
#           PortRange: {From: 3389, To: 3389}
#           CidrBlock: 0.0.0.0/0
#           RuleAction: deny
#           Egress: false
#     terraform: |
#       resource "aws_network_acl_rule" "deny_3389" {
#         network_acl_id = aws_network_acl.this.id
#         rule_number    = 50
#         egress         = false
#         protocol       = "tcp"
#         rule_action    = "deny"
#         cidr_block     = "0.0.0.0/0"
#         from_port      = 3389
#         to_port        = 3389
#       }
package parapet.aws.ec2.ec2_networkacl_allow_ingress_tcp_port_3389

import rego.v1

import data.parapet.lib.network

entries := input.resource.attributes.Entries

exposing_rules := network.nacl_tcp_port_exposures_of(network.nacl_internet_ingress, 3389)

# No default: without the entries the control cannot decide (the engine reports ERROR).
status := "PASS" if {
	is_array(entries)
	count(exposing_rules) == 0
}

status := "FAIL" if {
	is_array(entries)
	count(exposing_rules) > 0
}

reason := sprintf("network ACL %s does not allow TCP port 3389 (RDP) in from the internet", [input.resource.name]) if status == "PASS"

reason := sprintf("network ACL %s allows TCP port 3389 (RDP) in from the internet (rule %s)", [
	input.resource.name,
	concat(", ", [sprintf("%v", [n]) | some n in sort(exposing_rules)]),
]) if status == "FAIL"
