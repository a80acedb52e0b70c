# METADATA
# title: Security group rules name no wide public IPv4 range
# description: |
#   Checks inbound and outbound rules for public (not RFC 1918, shared, loopback or
#   link-local) IPv4 ranges wider than a /24 other than 0.0.0.0/0 itself, which the
#   internet-exposure controls judge. A rule for 52.0.0.0/8 or a /16 of someone else's
#   network is usually a typo or a shortcut that trusts far more hosts than intended.
# custom:
#   id: ec2_securitygroup_allow_wide_open_public_ipv4
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::SecurityGroup
#   requires: [IpPermissions, IpPermissionsEgress]
#   risk: Thousands to millions of addresses outside your control can reach the instances, or receive data from them, through what looks like a narrow rule.
#   remediation:
#     text: Narrow the range to the hosts that need it (a /32 per partner address, or a managed prefix list), or use security-group references for traffic inside AWS.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort=PORT,ToPort=PORT,IpRanges=[{CidrIp=WIDE_CIDR}]'
#     terraform: |
#       resource "aws_vpc_security_group_ingress_rule" "partner" {
#         security_group_id = aws_security_group.this.id
#         ip_protocol       = "tcp"
#         from_port         = 443
#         to_port           = 443
#         cidr_ipv4         = "203.0.113.10/32"
#       }
package parapet.aws.ec2.ec2_securitygroup_allow_wide_open_public_ipv4

import rego.v1

import data.parapet.lib.network
import data.parapet.lib.util

attrs := input.resource.attributes

# Wider than /24 (more than 256 addresses), but not the whole internet.
wide_public(cidr) if {
	network.is_public_ipv4_cidr(cidr)
	network.prefix_length(cidr) > 0
	network.prefix_length(cidr) < 24
}

wide := {sprintf("%s %s", [direction, r.CidrIp]) |
	some direction, perms in {"inbound": attrs.IpPermissions, "outbound": attrs.IpPermissionsEgress}
	some p in util.as_list(perms)
	some r in util.as_list(p.IpRanges)
	wide_public(r.CidrIp)
}

readable if {
	is_array(attrs.IpPermissions)
	is_array(attrs.IpPermissionsEgress)
}

status := "PASS" if {
	readable
	count(wide) == 0
}

status := "FAIL" if {
	readable
	count(wide) > 0
}

reason := sprintf("security group %s names no public IPv4 range wider than /24", [input.resource.name]) if status == "PASS"

reason := sprintf("security group %s names wide public IPv4 ranges: %s", [input.resource.name, concat(", ", sort(wide))]) if status == "FAIL"
