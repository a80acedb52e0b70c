# METADATA
# title: Network ACL does not allow all inbound traffic from the internet
# description: |
#   Evaluates the network ACL's inbound entries the way AWS does (ascending rule number,
#   first match wins) and checks that no entry lets the whole internet (0.0.0.0/0 or ::/0)
#   reach every port: an allow for all traffic, or for the full TCP or UDP port range, that
#   no lower-numbered deny for the whole internet covers first. The default ACL that AWS
#   creates with each VPC fails this check until it is tightened.
# custom:
#   id: ec2_networkacl_allow_ingress_any_port
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::NetworkAcl
#   requires: [Entries]
#   risk: The subnets using this ACL get no network-level filtering, so any security group mistake exposes their hosts on every port.
#   remediation:
#     text: Replace the allow-all inbound entry with entries for the ports and address ranges the subnets need (keeping return traffic on ephemeral ports in mind, as ACLs are stateless).
#     cli: aws ec2 replace-network-acl-entry --network-acl-id ACL_ID --ingress --rule-number 100 --protocol 6 --port-range From=443,To=443 --cidr-block 0.0.0.0/0 --rule-action allow
#     cloudformation: |
#       AllowHttpsIn:
#         Type: AWS::EC2::NetworkAclEntry
#         Properties:
#           NetworkAclId: !Ref Acl
#           RuleNumber: 100
#           Protocol: 6
#           PortRange: {From: 443, To: 443}
#           CidrBlock: 0.0.0.0/0
#           RuleAction: allow
#           Egress: false
#     terraform: |
#       resource "aws_network_acl_rule" "https_in" {
#         network_acl_id = aws_network_acl.this.id
#         rule_number    = 100
#         egress         = false
#         protocol       = "tcp"
#         rule_action    = "allow"
#         cidr_block     = "0.0.0.0/0"
#         from_port      = 443
#         to_port        = 443
#       }
package parapet.aws.ec2.ec2_networkacl_allow_ingress_any_port

import rego.v1

import data.parapet.lib.network

entries := input.resource.attributes.Entries

exposing_rules := network.nacl_all_ports_exposures_of(network.nacl_internet_ingress)

# No default: without the entries the control cannot decide (the engine reports ERROR).
status := "PASS" if {
	is_array(entries)
	count(exposing_rules) == 0
}

status := "FAIL" if {
	is_array(entries)
	count(exposing_rules) > 0
}

reason := sprintf("network ACL %s does not allow every port in from the internet", [input.resource.name]) if status == "PASS"

reason := sprintf("network ACL %s allows every port in from the internet (rule %s)", [
	input.resource.name,
	concat(", ", [sprintf("%v", [n]) | some n in sort(exposing_rules)]),
]) if status == "FAIL"
