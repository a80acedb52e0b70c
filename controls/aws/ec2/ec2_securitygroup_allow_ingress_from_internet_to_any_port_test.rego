package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_any_port_test

import rego.v1

import data.parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_any_port as control

sg(perms) := {"resource": {"name": "sg-1", "attributes": {"IpPermissions": perms}}}

test_https_from_internet_fails if {
	inp := sg([{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 admits the internet on tcp port 443" with input as inp
}

test_udp_from_ipv6_internet_fails if control.status == "FAIL" with input as sg([{"IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])

test_icmp_only_passes if control.status == "PASS" with input as sg([{"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])

test_internal_sources_pass if {
	inp := sg([
		{"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "sg-2"}]},
		{"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
		{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "PrefixListIds": [{"PrefixListId": "pl-1"}]},
	])
	control.status == "PASS" with input as inp
	control.reason == "security group sg-1 admits the internet on no port" with input as inp
}

test_unreadable_decides_nothing if not control.status with input as {"resource": {"name": "sg-1", "attributes": {}}}
