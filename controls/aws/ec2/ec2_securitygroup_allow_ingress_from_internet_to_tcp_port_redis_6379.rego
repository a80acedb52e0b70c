# METADATA
# title: Security group does not admit the internet to Redis (TCP ports 6379, 16379, 26379)
# description: |
#   Checks that no inbound rule admits 0.0.0.0/0 or ::/0 to TCP ports 6379, 16379, 26379
#   (Redis), whether by a rule for the port, a port range that includes it, or a rule
#   for all protocols. Prefix lists and referenced security groups are not the internet.
# custom:
#   id: ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::SecurityGroup
#   requires: [IpPermissions]
#   risk: Redis often runs without authentication; an open port lets anyone read or overwrite the data and, through its configuration commands, take over the host.
#   remediation:
#     text: Remove the internet rule; admit only the application tier's security group or known address ranges, and reach the service through a VPN, PrivateLink or a bastion.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort=6379,ToPort=6379,IpRanges=[{CidrIp=0.0.0.0/0}]'
#     cloudformation: |
#       FromAppTier:
#         Type: AWS::EC2::SecurityGroupIngress
#         Properties:
#           GroupId: !Ref Group
#           IpProtocol: tcp
#           FromPort: 6379
#           ToPort: 6379
#           SourceSecurityGroupId: !Ref AppTierGroup
#     terraform: |
#       resource "aws_vpc_security_group_ingress_rule" "from_app_tier" {
#         security_group_id            = aws_security_group.this.id
#         ip_protocol                  = "tcp"
#         from_port                    = 6379
#         to_port                      = 6379
#         referenced_security_group_id = aws_security_group.app.id
#       }
package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379

import rego.v1

import data.parapet.lib.network

ports := [6379, 16379, 26379]

permissions := input.resource.attributes.IpPermissions

# The group's internet openings are computed once per resource (network.rego).
exposed := network.exposed_ports(network.security_group_tcp_openings, ports)

# No default: without the rules the control cannot decide (the engine reports ERROR).
status := "PASS" if {
	is_array(permissions)
	count(exposed) == 0
}

status := "FAIL" if {
	is_array(permissions)
	count(exposed) > 0
}

reason := sprintf("security group %s does not admit the internet to Redis (TCP 6379, 16379, 26379)", [input.resource.name]) if status == "PASS"

reason := sprintf("security group %s admits the internet to Redis on TCP %s (%s)", [
	input.resource.name,
	concat(", ", [sprintf("%d", [p]) | some p in exposed]),
	concat("; ", sort({network.permission_label(p) | some p in network.openings_permissions(network.security_group_tcp_openings, ports)})),
]) if status == "FAIL"
