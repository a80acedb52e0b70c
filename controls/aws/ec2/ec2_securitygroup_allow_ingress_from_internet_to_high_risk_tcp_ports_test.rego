package parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports_test

import rego.v1

import data.parapet.aws.ec2.ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports as control

sg(perms) := {"resource": {"name": "sg-1", "attributes": {"IpPermissions": perms}}}

tcp(from, to, cidr) := {"IpProtocol": "tcp", "FromPort": from, "ToPort": to, "IpRanges": [{"CidrIp": cidr}]}

test_range_covering_several_fails if {
	inp := sg([tcp(3000, 3400, "0.0.0.0/0")])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 admits the internet to high-risk TCP ports 3000, 3306, 3389" with input as inp
}

test_all_traffic_fails if control.status == "FAIL" with input as sg([{"IpProtocol": "-1", "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])

test_web_ports_pass if {
	inp := sg([tcp(80, 80, "0.0.0.0/0"), tcp(443, 443, "0.0.0.0/0")])
	control.status == "PASS" with input as inp
	control.reason == "security group sg-1 admits the internet to no high-risk TCP port" with input as inp
}

test_private_admin_passes if control.status == "PASS" with input as sg([tcp(22, 22, "10.0.0.0/8"), tcp(3389, 3389, "192.168.0.0/16")])
