# METADATA
# title: VPC separates private subnets from public ones
# description: |
#   Checks that a VPC with internet-routed (public) subnets also has private subnets,
#   whose route tables send nothing to an internet gateway, so databases and back-end
#   services have a tier to run in that is not reachable from the internet. A subnet is
#   public when its route table (its own or the VPC's main table) has a route to an
#   internet gateway. VPCs with only private subnets pass; VPCs without subnets are
#   skipped.
# custom:
#   id: vpc_subnet_separate_private_public
#   severity: medium
#   service: vpc
#   resource_type: AWS::EC2::VPC
#   requires: [subnets]
#   risk: Every workload in the VPC sits one security-group or public-IP mistake away from the internet, with no network tier to isolate data stores.
#   remediation:
#     text: Create private subnets (a route table without an internet gateway route, NAT gateway for egress) and move back-end workloads into them.
#     cli: aws ec2 create-subnet --vpc-id VPC_ID --cidr-block 10.0.128.0/20 && aws ec2 create-route-table --vpc-id VPC_ID
#     terraform: |
#       resource "aws_subnet" "private" {
#         vpc_id                  = aws_vpc.this.id
#         cidr_block              = "10.0.128.0/20"
#         map_public_ip_on_launch = false
#       }
#       resource "aws_route_table_association" "private" {
#         subnet_id      = aws_subnet.private.id
#         route_table_id = aws_route_table.private.id
#       }
package parapet.aws.vpc.vpc_subnet_separate_private_public

import rego.v1

subnets := input.resource.attributes.subnets if is_array(input.resource.attributes.subnets)

public := [s.SubnetId | some s in subnets; s.public == true]

private := [s.SubnetId | some s in subnets; s.public == false]

status := "SKIPPED" if {
	is_array(subnets)
	count(subnets) == 0
}

status := "PASS" if count(private) > 0

status := "FAIL" if {
	count(public) > 0
	count(private) == 0
}

reason := sprintf("VPC %s has no subnets", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("VPC %s has %d private and %d public subnets", [input.resource.name, count(private), count(public)]) if status == "PASS"

reason := sprintf("VPC %s has only public subnets (%d), all routed to an internet gateway", [input.resource.name, count(public)]) if status == "FAIL"
