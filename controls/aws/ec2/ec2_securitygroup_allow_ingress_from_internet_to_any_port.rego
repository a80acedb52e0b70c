# METADATA
# title: Security group admits the internet on no port at all
# description: |
#   Checks that no inbound rule admits 0.0.0.0/0 or ::/0 on any port (ICMP, which has
#   none, is ignored). This is the strictest exposure check: groups that front public
#   services (a load balancer's 443, for example) fail it by design and should be muted
#   with the reason recorded, so every internet-facing group is a deliberate, reviewed
#   exception.
# custom:
#   id: ec2_securitygroup_allow_ingress_from_internet_to_any_port
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::SecurityGroup
#   requires: [IpPermissions]
#   risk: Whatever listens on the opened ports is reachable by every scanner on the internet.
#   remediation:
#     text: Replace internet rules with rules for known address ranges, prefix lists or other security groups; put public services behind a load balancer or CloudFront and mute this control for that group.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort=PORT,ToPort=PORT,IpRanges=[{CidrIp=0.0.0.0/0}]'
#     terraform: |
#       resource "aws_vpc_security_group_ingress_rule" "from_lb" {
#         security_group_id            = aws_security_group.app.id
#         ip_protocol                  = "tcp"
#         from_port                    = 8080
#         to_port                      = 8080
#         referenced_security_group_id = aws_security_group.lb.id
#       }
package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_any_port

import rego.v1

import data.parapet.lib.network

permissions := input.resource.attributes.IpPermissions

exposing := network.permissions_opening_some_port(permissions)

status := "PASS" if {
	is_array(permissions)
	count(exposing) == 0
}

status := "FAIL" if {
	is_array(permissions)
	count(exposing) > 0
}

reason := sprintf("security group %s admits the internet on no port", [input.resource.name]) if status == "PASS"

reason := sprintf("security group %s admits the internet on %s", [
	input.resource.name,
	concat("; ", sort({network.permission_label(p) | some p in exposing})),
]) if status == "FAIL"
