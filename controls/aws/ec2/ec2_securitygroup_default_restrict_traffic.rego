# METADATA
# title: Default security group has no inbound or outbound rules
# description: |
#   Checks that the default security group of each VPC has no rules at all. Resources
#   launched without an explicit group land in the default group, so an empty one makes
#   that mistake fail closed. Other security groups are skipped.
# custom:
#   id: ec2_securitygroup_default_restrict_traffic
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::SecurityGroup
#   requires: [IpPermissions, IpPermissionsEgress, is_default]
#   risk: Resources that fall into the default group by accident can talk to each other and to the internet, widening the blast radius of a compromise.
#   remediation:
#     text: Move resources into purpose-built security groups, then revoke every inbound and outbound rule of the default group (AWS creates it with an inbound rule from itself and an outbound rule to everywhere).
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=-1,UserIdGroupPairs=[{GroupId=GROUP_ID}]' && aws ec2 revoke-security-group-egress --group-id GROUP_ID --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'
#     terraform: |
#       # Adopting the default group without ingress or egress blocks removes all its rules.
#       resource "aws_default_security_group" "default" {
#         vpc_id = aws_vpc.this.id
#       }
package parapet.aws.ec2.ec2_securitygroup_default_restrict_traffic

import rego.v1

attrs := input.resource.attributes

is_default if attrs.is_default == true

inbound := attrs.IpPermissions

outbound := attrs.IpPermissionsEgress

status := "SKIPPED" if not is_default

# No default: without both rule lists the control cannot decide (the engine reports ERROR).
status := "PASS" if {
	is_default
	inbound == []
	outbound == []
}

status := "FAIL" if {
	is_default
	is_array(inbound)
	is_array(outbound)
	count(inbound) + count(outbound) > 0
}

reason := sprintf("security group %s is not a default security group", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("default security group %s has no inbound or outbound rules", [input.resource.name]) if status == "PASS"

reason := sprintf("default security group %s has %d inbound and %d outbound rules", [input.resource.name, count(inbound), count(outbound)]) if status == "FAIL"
