# METADATA
# title: Security group does not admit the internet to PostgreSQL (TCP port 5432)
# description: |
#   Checks that no inbound rule admits 0.0.0.0/0 or ::/0 to TCP port 5432
#   (PostgreSQL), whether by a rule for the port, a port range that includes it, or a rule
#   for all protocols. Prefix lists and referenced security groups are not the internet.
# custom:
#   id: ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::SecurityGroup
#   requires: [IpPermissions]
#   risk: The database is open to credential guessing and to exploits against the server from anywhere.
#   remediation:
#     text: Remove the internet rule; admit only the application tier's security group or known address ranges, and reach the service through a VPN, PrivateLink or a bastion.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort=5432,ToPort=5432,IpRanges=[{CidrIp=0.0.0.0/0}]'
#     cloudformation: |
#       FromAppTier:
#         Type: AWS::EC2::SecurityGroupIngress
#         Properties:
#           GroupId: !Ref Group
#           IpProtocol: tcp
#           FromPort: 5432
#           ToPort: 5432
#           SourceSecurityGroupId: !Ref AppTierGroup
#     terraform: |
#       resource "aws_vpc_security_group_ingress_rule" "from_app_tier" {
#         security_group_id            = aws_security_group.this.id
#         ip_protocol                  = "tcp"
#         from_port                    = 5432
#         to_port                      = 5432
#         referenced_security_group_id = aws_security_group.app.id
#       }
package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432

import rego.v1

import data.parapet.lib.network

ports := [5432]

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

reason := sprintf("security group %s does not admit the internet to PostgreSQL (TCP 5432)", [input.resource.name]) if status == "PASS"

reason := sprintf("security group %s admits the internet to PostgreSQL on TCP %s (%s)", [
	input.resource.name,
	concat(", ", [sprintf("%d", [p]) | some p in exposed]),
	concat("; ", sort({network.permission_label(p) | some p in network.openings_permissions(network.security_group_tcp_openings, ports)})),
]) if status == "FAIL"
