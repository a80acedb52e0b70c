# METADATA
# title: Security group does not allow ingress from the internet to all ports
# description: |
#   Checks that no inbound rule of the security group admits 0.0.0.0/0 or ::/0 to every
#   port: a rule for all protocols, or for the whole TCP or UDP port range. Prefix lists
#   and referenced security groups are not treated as the internet.
# custom:
#   id: ec2_securitygroup_allow_ingress_from_internet_to_all_ports
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::SecurityGroup
#   requires: [IpPermissions]
#   risk: Every service listening on instances that use the group, including databases and administration ports, is reachable from anywhere on the internet.
#   remediation:
#     text: Replace the rule with rules for the specific ports the workload serves, and restrict their sources where the clients are known.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'
#     cloudformation: |
#       HttpsIn:
#         Type: AWS::EC2::SecurityGroupIngress
#         Properties:
#           GroupId: !Ref Group
#           IpProtocol: tcp
#           FromPort: 443
#           ToPort: 443
#           CidrIp: 0.0.0.0/0
#     terraform: |
#       resource "aws_vpc_security_group_ingress_rule" "https_in" {
#         security_group_id = aws_security_group.this.id
#         ip_protocol       = "tcp"
#         from_port         = 443
#         to_port           = 443
#         cidr_ipv4         = "0.0.0.0/0"
#       }
package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_all_ports

import rego.v1

import data.parapet.lib.network

permissions := input.resource.attributes.IpPermissions

exposing := network.permissions_opening_all_ports(permissions)

# No default: without the rules the control cannot decide (the engine reports ERROR).
status := "PASS" if {
	is_array(permissions)
	count(exposing) == 0
}

status := "FAIL" if {
	is_array(permissions)
	count(exposing) > 0
}

reason := sprintf("security group %s does not allow all ports in from the internet", [input.resource.name]) if status == "PASS"

reason := sprintf("security group %s allows all ports in from the internet (%s)", [
	input.resource.name,
	concat("; ", sort({network.permission_label(p) | some p in exposing})),
]) if status == "FAIL"
