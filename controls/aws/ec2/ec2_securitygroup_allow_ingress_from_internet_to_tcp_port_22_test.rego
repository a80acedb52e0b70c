package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22_test

import rego.v1

import data.parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22 as control

sg(perms) := {"resource": {"name": "sg-1", "attributes": {"GroupId": "sg-1", "IpPermissions": perms}}}

tcp(from, to, cidrs, cidrs6) := {
	"IpProtocol": "tcp", "FromPort": from, "ToPort": to,
	"IpRanges": [{"CidrIp": c} | some c in cidrs],
	"Ipv6Ranges": [{"CidrIpv6": c} | some c in cidrs6],
	"PrefixListIds": [], "UserIdGroupPairs": [],
}

test_port_from_ipv4_internet_fails if {
	inp := sg([tcp(22, 22, ["0.0.0.0/0"], [])])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 allows TCP port 22 (SSH) in from the internet (tcp port 22)" with input as inp
}

test_port_from_ipv6_internet_fails if control.status == "FAIL" with input as sg([tcp(22, 22, [], ["::/0"])])

test_range_including_port_fails if control.status == "FAIL" with input as sg([tcp(0, 65535, ["0.0.0.0/0"], [])])

test_all_protocols_fails if {
	inp := sg([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": []}])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 allows TCP port 22 (SSH) in from the internet (all traffic)" with input as inp
}

test_restricted_source_passes if {
	inp := sg([tcp(22, 22, ["203.0.113.0/24"], []), tcp(443, 443, ["0.0.0.0/0"], ["::/0"])])
	control.status == "PASS" with input as inp
	control.reason == "security group sg-1 does not allow TCP port 22 (SSH) in from the internet" with input as inp
}

test_udp_passes if {
	perm := object.union(tcp(22, 22, ["0.0.0.0/0"], []), {"IpProtocol": "udp"})
	control.status == "PASS" with input as sg([perm])
}

test_prefix_list_and_group_reference_pass if {
	perm := {
		"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [], "Ipv6Ranges": [],
		"PrefixListIds": [{"PrefixListId": "pl-123"}], "UserIdGroupPairs": [{"GroupId": "sg-2"}],
	}
	control.status == "PASS" with input as sg([perm])
}

test_no_rules_passes if control.status == "PASS" with input as sg([])

test_missing_rules_undecided if not control.status with input as {"resource": {"name": "sg-1", "attributes": {}}}

test_null_rules_undecided if not control.status with input as sg(null)
