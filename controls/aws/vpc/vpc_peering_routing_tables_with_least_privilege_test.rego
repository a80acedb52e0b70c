package parapet.aws.vpc.vpc_peering_routing_tables_with_least_privilege_test

import rego.v1

import data.parapet.aws.vpc.vpc_peering_routing_tables_with_least_privilege as control

table(routes) := {"resource": {"name": "rtb-1", "attributes": {"RouteTableId": "rtb-1", "Routes": routes}}}

local_route := {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "VpcPeeringConnectionId": null, "State": "active"}

internet_route := {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "VpcPeeringConnectionId": null, "State": "active"}

peer(cidr) := {"DestinationCidrBlock": cidr, "GatewayId": null, "VpcPeeringConnectionId": "pcx-1", "State": "active"}

peer6(cidr) := {"DestinationCidrBlock": null, "DestinationIpv6CidrBlock": cidr, "VpcPeeringConnectionId": "pcx-1", "State": "active"}

test_subnet_route_passes if {
	inp := table([local_route, internet_route, peer("10.20.1.0/24")])
	control.status == "PASS" with input as inp
	control.reason == "route table rtb-1 sends only specific destinations over VPC peering" with input as inp
}

test_whole_peer_vpc_passes if control.status == "PASS" with input as table([local_route, peer("10.20.0.0/16")])

test_default_route_to_peer_fails if {
	inp := table([local_route, peer("0.0.0.0/0")])
	control.status == "FAIL" with input as inp
	control.reason == "route table rtb-1 has broad VPC peering routes: 0.0.0.0/0 via pcx-1" with input as inp
}

test_supernet_fails if control.status == "FAIL" with input as table([peer("10.0.0.0/8")])

test_ipv6_default_fails if control.status == "FAIL" with input as table([peer6("::/0")])

test_ipv6_vpc_block_passes if control.status == "PASS" with input as table([peer6("2600:1f18:abcd:1200::/56")])

test_ipv6_supernet_fails if control.status == "FAIL" with input as table([peer6("2600::/12")])

# The internet gateway route is not a peering route.
test_no_peering_skipped if {
	inp := table([local_route, internet_route])
	control.status == "SKIPPED" with input as inp
	control.reason == "route table rtb-1 has no routes to a VPC peering connection" with input as inp
}

prefix_list_route := {"DestinationCidrBlock": null, "DestinationIpv6CidrBlock": null, "DestinationPrefixListId": "pl-1", "VpcPeeringConnectionId": "pcx-1"}

test_prefix_list_destination_info if {
	inp := table([peer("10.20.1.0/24"), prefix_list_route])
	control.status == "INFO" with input as inp
	control.reason == "route table rtb-1 routes prefix list pl-1 over VPC peering; check that the list holds only the peer subnets the table's subnets need" with input as inp
}

test_broad_route_beats_prefix_list if control.status == "FAIL" with input as table([peer("0.0.0.0/0"), prefix_list_route])

test_missing_routes_undecided if not control.status with input as {"resource": {"name": "rtb-1", "attributes": {}}}
