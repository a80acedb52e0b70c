package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_sql_server_1433_1434_test

import rego.v1

import data.parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_sql_server_1433_1434 as control

sg(perms) := {"resource": {"name": "sg-1", "attributes": {"GroupId": "sg-1", "IpPermissions": perms}}}

tcp(from, to, cidrs, cidrs6) := {
	"IpProtocol": "tcp", "FromPort": from, "ToPort": to,
	"IpRanges": [{"CidrIp": c} | some c in cidrs],
	"Ipv6Ranges": [{"CidrIpv6": c} | some c in cidrs6],
	"PrefixListIds": [], "UserIdGroupPairs": [],
}

test_port_open_to_ipv4_internet_fails if {
	inp := sg([tcp(1434, 1434, ["0.0.0.0/0"], [])])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 admits the internet to SQL Server on TCP 1434 (tcp port 1434)" with input as inp
}

test_port_open_to_ipv6_internet_fails if control.status == "FAIL" with input as sg([tcp(1433, 1433, [], ["::/0"])])

test_range_containing_the_port_fails if control.status == "FAIL" with input as sg([tcp(1432, 1435, ["0.0.0.0/0"], [])])

test_all_protocols_fails if {
	inp := sg([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 admits the internet to SQL Server on TCP 1433, 1434 (all traffic)" with input as inp
}

test_private_source_prefix_list_and_group_pass if {
	inp := sg([
		tcp(1433, 1433, ["10.0.0.0/8"], []),
		object.union(tcp(1433, 1433, [], []), {"PrefixListIds": [{"PrefixListId": "pl-123"}]}),
		object.union(tcp(1433, 1433, [], []), {"UserIdGroupPairs": [{"GroupId": "sg-app"}]}),
		tcp(443, 443, ["0.0.0.0/0"], ["::/0"]),
	])
	control.status == "PASS" with input as inp
	control.reason == "security group sg-1 does not admit the internet to SQL Server (TCP 1433, 1434)" with input as inp
}

test_udp_and_icmp_pass if {
	udp := object.union(tcp(1433, 1433, ["0.0.0.0/0"], []), {"IpProtocol": "udp"})
	icmp := {"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
	control.status == "PASS" with input as sg([udp, icmp])
}

test_no_rules_pass if control.status == "PASS" with input as sg([])

# Every port the service documents, written out here so the test fails if the list shrinks.
test_each_documented_port_fails if {
	every p in [1433, 1434] {
		control.status == "FAIL" with input as sg([tcp(p, p, ["0.0.0.0/0"], [])])
	}
}

test_unreadable_rules_decide_nothing if not control.status with input as {"resource": {"name": "sg-1", "attributes": {}}}
