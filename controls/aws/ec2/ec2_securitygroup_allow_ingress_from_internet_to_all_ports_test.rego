package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_all_ports_test

import rego.v1

import data.parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_all_ports as control

sg(perms) := {"resource": {"name": "sg-1", "attributes": {"GroupId": "sg-1", "IpPermissions": perms}}}

perm(proto, from, to, cidr) := {"IpProtocol": proto, "FromPort": from, "ToPort": to, "IpRanges": [{"CidrIp": cidr}], "Ipv6Ranges": []}

test_all_traffic_fails if {
	inp := sg([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": []}])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 allows all ports in from the internet (all traffic)" with input as inp
}

test_all_traffic_ipv6_fails if control.status == "FAIL" with input as sg([{"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])

test_full_tcp_range_fails if control.status == "FAIL" with input as sg([perm("tcp", 0, 65535, "0.0.0.0/0")])

test_full_udp_range_fails if control.status == "FAIL" with input as sg([perm("udp", 1, 65535, "0.0.0.0/0")])

test_web_ports_pass if {
	inp := sg([perm("tcp", 80, 80, "0.0.0.0/0"), perm("tcp", 443, 443, "0.0.0.0/0")])
	control.status == "PASS" with input as inp
	control.reason == "security group sg-1 does not allow all ports in from the internet" with input as inp
}

test_all_traffic_from_private_range_passes if control.status == "PASS" with input as sg([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])

# The rule a new default group has: all traffic from members of the same group.
test_all_traffic_from_group_passes if {
	self_ref := {"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [], "UserIdGroupPairs": [{"GroupId": "sg-1"}]}
	control.status == "PASS" with input as sg([self_ref])
}

test_missing_rules_undecided if not control.status with input as {"resource": {"name": "sg-1", "attributes": {}}}

test_null_rules_undecided if not control.status with input as sg(null)
