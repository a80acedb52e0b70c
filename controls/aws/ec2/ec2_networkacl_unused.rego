# METADATA
# title: Network ACL is associated with a subnet
# description: |
#   Checks that the network ACL is associated with at least one subnet. Default ACLs are
#   skipped: every VPC has one and AWS re-associates subnets with it when their own ACL
#   is removed. An unused custom ACL is clutter that invites mistakes: someone attaches
#   it later without knowing what its rules allow.
# custom:
#   id: ec2_networkacl_unused
#   severity: low
#   service: ec2
#   resource_type: AWS::EC2::NetworkAcl
#   requires: [Associations, IsDefault]
#   risk: Stale network rules are reused without review, and the inventory of what filters which traffic becomes harder to trust.
#   remediation:
#     text: Delete network ACLs no subnet uses, or associate them with the subnets they were made for.
#     cli: aws ec2 delete-network-acl --network-acl-id ACL_ID
package parapet.aws.ec2.ec2_networkacl_unused

import rego.v1

attrs := input.resource.attributes

status := "SKIPPED" if attrs.IsDefault == true

status := "PASS" if {
	attrs.IsDefault == false
	count(attrs.Associations) > 0
}

status := "FAIL" if {
	attrs.IsDefault == false
	count(attrs.Associations) == 0
}

reason := sprintf("network ACL %s is its VPC's default", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("network ACL %s is used by %d subnets", [input.resource.name, count(attrs.Associations)]) if status == "PASS"

reason := sprintf("network ACL %s is not associated with any subnet", [input.resource.name]) if status == "FAIL"
