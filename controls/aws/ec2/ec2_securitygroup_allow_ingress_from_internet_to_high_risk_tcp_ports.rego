# METADATA
# title: Security group does not admit the internet to high-risk TCP ports
# description: |
#   Checks that no inbound rule admits 0.0.0.0/0 or ::/0 to a TCP port of services that
#   should never face the internet directly: remote administration (22, 23, 3389, 5500,
#   5900), file sharing (20, 21, 139, 445), mail retrieval (110, 143), RPC (135),
#   databases and caches (1433, 1434, 3306, 5432, 6379, 9200, 9300, 11211, 27017,
#   27018) and common development servers (3000, 4333, 5000, 8080, 8088, 8888).
# custom:
#   id: ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::SecurityGroup
#   requires: [IpPermissions]
#   risk: These services are the first things internet scanners probe; an open one invites brute-forcing, data theft or a known exploit.
#   remediation:
#     text: Remove the internet rules for these ports; reach such services through a VPN, Session Manager, PrivateLink or a load balancer in front of an application tier.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort=PORT,ToPort=PORT,IpRanges=[{CidrIp=0.0.0.0/0}]'
#     terraform: |
#       resource "aws_vpc_security_group_ingress_rule" "admin_from_vpn" {
#         security_group_id = aws_security_group.this.id
#         ip_protocol       = "tcp"
#         from_port         = 22
#         to_port           = 22
#         cidr_ipv4         = "10.100.0.0/16"
#       }
package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports

import rego.v1

import data.parapet.lib.network

high_risk_ports := [
	20, 21, 22, 23, 110, 135, 139, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333,
	5000, 5432, 5500, 5900, 6379, 8080, 8088, 8888, 9200, 9300, 11211, 27017, 27018,
]

permissions := input.resource.attributes.IpPermissions

exposed := network.exposed_tcp_ports(permissions, high_risk_ports)

status := "PASS" if {
	is_array(permissions)
	count(exposed) == 0
}

status := "FAIL" if {
	is_array(permissions)
	count(exposed) > 0
}

reason := sprintf("security group %s admits the internet to no high-risk TCP port", [input.resource.name]) if status == "PASS"

reason := sprintf("security group %s admits the internet to high-risk TCP ports %s", [
	input.resource.name,
	concat(", ", [sprintf("%d", [p]) | some p in exposed]),
]) if status == "FAIL"
