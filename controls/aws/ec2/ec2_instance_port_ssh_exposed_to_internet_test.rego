package parapet.aws.ec2.ec2_instance_port_ssh_exposed_to_internet_test

import rego.v1

import data.parapet.aws.ec2.ec2_instance_port_ssh_exposed_to_internet as control

instance(rules, public_ip) := {"resource": {"name": "i-1", "attributes": {
	"InstanceId": "i-1", "PublicIpAddress": public_ip, "security_group_rules": rules,
}}}

# The same instance with an IPv6 address and no public IPv4 address.
instance6(rules) := {"resource": {"name": "i-1", "attributes": {
	"InstanceId": "i-1", "PublicIpAddress": null, "Ipv6Address": "2001:db8::1", "security_group_rules": rules,
}}}

tcp(from, to, cidrs, cidrs6) := {
	"IpProtocol": "tcp", "FromPort": from, "ToPort": to,
	"IpRanges": [{"CidrIp": c} | some c in cidrs],
	"Ipv6Ranges": [{"CidrIpv6": c} | some c in cidrs6],
	"PrefixListIds": [], "UserIdGroupPairs": [],
}

test_public_instance_with_open_port_fails if {
	inp := instance([tcp(22, 22, ["0.0.0.0/0"], [])], "198.51.100.7")
	control.status == "FAIL" with input as inp
	control.reason == "instance i-1 is reachable from the internet on SSH (TCP 22) through its security groups (tcp port 22)" with input as inp
}

test_all_traffic_rule_fails if control.status == "FAIL" with input as instance([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "198.51.100.7")

test_port_range_fails if control.status == "FAIL" with input as instance([tcp(1, 65535, ["0.0.0.0/0"], [])], "198.51.100.7")

test_ipv6_rule_reaches_an_ipv6_instance_without_public_ipv4 if {
	rules := [tcp(22, 22, [], ["::/0"])]
	control.status == "FAIL" with input as instance6(rules)
	control.status == "PASS" with input as instance(rules, null)
}

test_ipv4_rule_does_not_reach_an_ipv6_only_address if {
	control.status == "PASS" with input as instance6([tcp(22, 22, ["0.0.0.0/0"], [])])
}

test_open_rule_without_public_address_passes_and_says_so if {
	inp := instance([tcp(22, 22, ["0.0.0.0/0"], [])], null)
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 has a security group rule admitting the internet to SSH (tcp port 22) but no public address that rule could reach" with input as inp
}

test_restricted_sources_pass if {
	inp := instance([tcp(22, 22, ["10.0.0.0/8"], []), tcp(443, 443, ["0.0.0.0/0"], ["::/0"])], "198.51.100.7")
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 has no security group rule admitting the internet to SSH (TCP 22)" with input as inp
}

# Every port the service documents, written out here so the test fails if the list shrinks.
test_each_documented_port_fails if {
	every p in [22] {
		control.status == "FAIL" with input as instance([tcp(p, p, ["0.0.0.0/0"], [])], "198.51.100.7")
	}
}

test_unreadable_rules_decide_nothing if not control.status with input as {"resource": {"name": "i-1", "attributes": {"PublicIpAddress": "198.51.100.7"}}}
