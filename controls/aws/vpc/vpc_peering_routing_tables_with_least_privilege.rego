# METADATA
# title: Route table sends only narrow destinations over VPC peering
# description: |
#   Checks that every route of the table that targets a VPC peering connection has a
#   specific destination: not 0.0.0.0/0 or ::/0, and no broader than /16 for IPv4 or /44
#   for IPv6, the largest block a single VPC can hold. Tables without peering routes are
#   skipped; peering routes to a prefix list are reported as INFO for review. Whether each narrow route matches only the subnets that need to talk to the
#   peer remains a design review.
# custom:
#   id: vpc_peering_routing_tables_with_least_privilege
#   severity: medium
#   service: vpc
#   resource_type: AWS::EC2::RouteTable
#   requires: [Routes]
#   risk: Broad peering routes let every subnet using the table reach far more of the peered network than it needs, widening lateral movement paths between VPCs.
#   remediation:
#     text: Replace broad peering routes with routes to the specific peer subnets (or at most the peer VPC's CIDR) that the subnets using this table need.
#     cli: aws ec2 replace-route --route-table-id RTB_ID --destination-cidr-block 10.20.1.0/24 --vpc-peering-connection-id PCX_ID
#     cloudformation: |
#       PeerAppSubnetRoute:
#         Type: AWS::EC2::Route
#         Properties:
#           RouteTableId: !Ref RouteTable
#           DestinationCidrBlock: 10.20.1.0/24
#           VpcPeeringConnectionId: !Ref Peering
#     terraform: |
#       resource "aws_route" "peer_app_subnet" {
#         route_table_id            = aws_route_table.this.id
#         destination_cidr_block    = "10.20.1.0/24"
#         vpc_peering_connection_id = aws_vpc_peering_connection.this.id
#       }
package parapet.aws.vpc.vpc_peering_routing_tables_with_least_privilege

import rego.v1

import data.parapet.lib.network
import data.parapet.lib.util

routes := input.resource.attributes.Routes

peering_routes := [r |
	some r in util.as_list(routes)
	is_string(r.VpcPeeringConnectionId)
	r.VpcPeeringConnectionId != ""
]

# Shortest prefix a single VPC CIDR block can have, per address family.
min_prefix := {"ipv4": 16, "ipv6": 44}

destination(r) := [r.DestinationCidrBlock, "ipv4"] if is_string(r.DestinationCidrBlock)

destination(r) := [r.DestinationIpv6CidrBlock, "ipv6"] if {
	not is_string(r.DestinationCidrBlock)
	is_string(r.DestinationIpv6CidrBlock)
}

broad(r) if network.is_internet(destination(r)[0])

broad(r) if {
	[cidr, family] := destination(r)
	network.prefix_length(cidr) < min_prefix[family]
}

broad_routes := {sprintf("%s via %s", [destination(r)[0], r.VpcPeeringConnectionId]) | some r in peering_routes; broad(r)}

unresolved := {sprintf("%v", [object.get(r, "DestinationPrefixListId", "unknown")]) | some r in peering_routes; not destination(r)}

# No default: without the routes the control cannot decide (the engine reports ERROR).
status := "SKIPPED" if {
	is_array(routes)
	count(peering_routes) == 0
}

status := "PASS" if {
	count(peering_routes) > 0
	count(broad_routes) == 0
	count(unresolved) == 0
}

# A prefix-list destination cannot be judged from the route table alone.
status := "INFO" if {
	count(broad_routes) == 0
	count(unresolved) > 0
}

status := "FAIL" if count(broad_routes) > 0

reason := sprintf("route table %s has no routes to a VPC peering connection", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("route table %s sends only specific destinations over VPC peering", [input.resource.name]) if status == "PASS"

reason := sprintf("route table %s routes prefix list %s over VPC peering; check that the list holds only the peer subnets the table's subnets need", [input.resource.name, concat(", ", sort(unresolved))]) if status == "INFO"

reason := sprintf("route table %s has broad VPC peering routes: %s", [input.resource.name, concat(", ", sort(broad_routes))]) if status == "FAIL"
