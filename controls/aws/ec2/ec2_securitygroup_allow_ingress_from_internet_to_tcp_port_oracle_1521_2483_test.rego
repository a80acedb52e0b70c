package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_oracle_1521_2483_test

import rego.v1

import data.parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_oracle_1521_2483 as control

sg(perms) := {"resource": {"name": "sg-1", "attributes": {"GroupId": "sg-1", "IpPermissions": perms}}}

tcp(from, to, cidrs, cidrs6) := {
	"IpProtocol": "tcp", "FromPort": from, "ToPort": to,
	"IpRanges": [{"CidrIp": c} | some c in cidrs],
	"Ipv6Ranges": [{"CidrIpv6": c} | some c in cidrs6],
	"PrefixListIds": [], "UserIdGroupPairs": [],
}

test_port_open_to_ipv4_internet_fails if {
	inp := sg([tcp(2484, 2484, ["0.0.0.0/0"], [])])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 admits the internet to Oracle Database on TCP 2484 (tcp port 2484)" with input as inp
}

test_port_open_to_ipv6_internet_fails if control.status == "FAIL" with input as sg([tcp(1521, 1521, [], ["::/0"])])

test_range_containing_the_port_fails if control.status == "FAIL" with input as sg([tcp(1520, 2485, ["0.0.0.0/0"], [])])

test_all_protocols_fails if {
	inp := sg([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 admits the internet to Oracle Database on TCP 1521, 2483, 2484 (all traffic)" with input as inp
}

test_private_source_prefix_list_and_group_pass if {
	inp := sg([
		tcp(1521, 1521, ["10.0.0.0/8"], []),
		object.union(tcp(1521, 1521, [], []), {"PrefixListIds": [{"PrefixListId": "pl-123"}]}),
		object.union(tcp(1521, 1521, [], []), {"UserIdGroupPairs": [{"GroupId": "sg-app"}]}),
		tcp(443, 443, ["0.0.0.0/0"], ["::/0"]),
	])
	control.status == "PASS" with input as inp
	control.reason == "security group sg-1 does not admit the internet to Oracle Database (TCP 1521, 2483, 2484)" with input as inp
}

test_udp_and_icmp_pass if {
	udp := object.union(tcp(1521, 1521, ["0.0.0.0/0"], []), {"IpProtocol": "udp"})
	icmp := {"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
	control.status == "PASS" with input as sg([udp, icmp])
}

test_no_rules_pass if control.status == "PASS" with input as sg([])

# Every port the service documents, written out here so the test fails if the list shrinks.
test_each_documented_port_fails if {
	every p in [1521, 2483, 2484] {
		control.status == "FAIL" with input as sg([tcp(p, p, ["0.0.0.0/0"], [])])
	}
}

test_unreadable_rules_decide_nothing if not control.status with input as {"resource": {"name": "sg-1", "attributes": {}}}
