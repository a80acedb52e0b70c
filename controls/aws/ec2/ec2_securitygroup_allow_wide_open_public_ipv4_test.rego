package parapet.aws.ec2.ec2_securitygroup_allow_wide_open_public_ipv4_test

import rego.v1

import data.parapet.aws.ec2.ec2_securitygroup_allow_wide_open_public_ipv4 as control

sg(ingress, egress) := {"resource": {"name": "sg-1", "attributes": {"IpPermissions": ingress, "IpPermissionsEgress": egress}}}

rule(cidr) := {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": cidr}]}

all_out := {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}

test_wide_public_ingress_fails if {
	inp := sg([rule("52.0.0.0/8")], [all_out])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 names wide public IPv4 ranges: inbound 52.0.0.0/8" with input as inp
}

test_wide_public_egress_fails if control.status == "FAIL" with input as sg([], [rule("198.51.0.0/16")])

test_default_egress_and_private_ranges_pass if {
	inp := sg([rule("10.0.0.0/8"), rule("172.16.0.0/12"), rule("203.0.113.0/24")], [all_out])
	control.status == "PASS" with input as inp
	control.reason == "security group sg-1 names no public IPv4 range wider than /24" with input as inp
}

test_internet_itself_is_left_to_other_controls if control.status == "PASS" with input as sg([rule("0.0.0.0/0")], [])
