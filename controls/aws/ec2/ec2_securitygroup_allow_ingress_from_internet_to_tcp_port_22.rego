# METADATA
# title: Security group does not allow ingress from the internet to TCP port 22 (SSH)
# description: |
#   Checks that no inbound rule of the security group admits 0.0.0.0/0 or ::/0 to TCP
#   port 22 (SSH), whether by a rule for that port, a TCP port range that includes it, or
#   a rule for all protocols. Prefix lists and referenced security groups are not treated
#   as the internet.
# custom:
#   id: ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::SecurityGroup
#   requires: [IpPermissions]
#   risk: Instances using the group accept SSH connections from anywhere, exposing them to credential brute-forcing and to exploits against the remote administration service.
#   remediation:
#     text: Remove the rule and reach hosts through Systems Manager Session Manager, a VPN or a bastion, or restrict the source to the administrators' address ranges.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'
#     cloudformation: |
#       SSHFromOffice:
#         Type: AWS::EC2::SecurityGroupIngress
#         Properties:
#           GroupId: !Ref Group
#           IpProtocol: tcp
#           FromPort: 22
#           ToPort: 22
#           CidrIp: 203.0.113.0/24
#     terraform: |
#       resource "aws_vpc_security_group_ingress_rule" "ssh_from_office" {
#         security_group_id = aws_security_group.this.id
#         ip_protocol       = "tcp"
#         from_port         = 22
#         to_port           = 22
#         cidr_ipv4         = "203.0.113.0/24"
#       }
package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22

import rego.v1

import data.parapet.lib.network

permissions := input.resource.attributes.IpPermissions

exposing := network.permissions_opening_tcp_port(permissions, 22)

# No default: without the rules the control cannot decide (the engine reports ERROR).
status := "PASS" if {
	is_array(permissions)
	count(exposing) == 0
}

status := "FAIL" if {
	is_array(permissions)
	count(exposing) > 0
}

reason := sprintf("security group %s does not allow TCP port 22 (SSH) in from the internet", [input.resource.name]) if status == "PASS"

reason := sprintf("security group %s allows TCP port 22 (SSH) in from the internet (%s)", [
	input.resource.name,
	concat("; ", sort({network.permission_label(p) | some p in exposing})),
]) if status == "FAIL"
