# Tests of the port-exposure library, and the helpers the family's control tests share:
# instances to evaluate, security group rules, and the cases every control must decide
# the same way whatever its ports.
package parapet.lib.port_exposure_test

import rego.v1

import data.parapet.lib.port_exposure

public_ip := "198.51.100.7"

# An instance with a public IPv4 address (or null for none) and its groups' rules.
instance(rules, ipv4) := {"resource": {"name": "i-1", "attributes": {
	"InstanceId": "i-1", "PublicIpAddress": ipv4, "security_group_rules": rules,
}}}

public_instance(rules) := instance(rules, public_ip)

# The same instance with an IPv6 address and no public IPv4 address.
ipv6_instance(rules) := {"resource": {"name": "i-1", "attributes": {
	"InstanceId": "i-1", "PublicIpAddress": null, "Ipv6Address": "2001:db8::1", "security_group_rules": rules,
}}}

tcp(from, to, cidrs, cidrs6) := {
	"IpProtocol": "tcp", "FromPort": from, "ToPort": to,
	"IpRanges": [{"CidrIp": c} | some c in cidrs],
	"Ipv6Ranges": [{"CidrIpv6": c} | some c in cidrs6],
	"PrefixListIds": [], "UserIdGroupPairs": [],
}

world_open(port) := tcp(port, port, ["0.0.0.0/0"], [])

all_traffic := {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}

# The cases whose verdict does not depend on the service, for one of its ports: each
# an input and the statuses it must give ([] for none: the control cannot decide). A
# control's test runs them all against the control itself.
family_cases(port) := [
	{"input": public_instance([all_traffic]), "status": ["FAIL"]},
	{"input": public_instance([tcp(1, 65535, ["0.0.0.0/0"], [])]), "status": ["FAIL"]},
	{"input": ipv6_instance([tcp(port, port, [], ["::/0"])]), "status": ["FAIL"]},
	{"input": instance([tcp(port, port, [], ["::/0"])], null), "status": ["PASS"]},
	{"input": ipv6_instance([world_open(port)]), "status": ["PASS"]},
	{"input": public_instance([object.union(world_open(port), {"IpProtocol": "udp"})]), "status": ["PASS"]},
	{"input": public_instance([tcp(port, port, ["10.0.0.0/8"], [])]), "status": ["PASS"]},
	{"input": public_instance([]), "status": ["PASS"]},
	{"input": {"resource": {"name": "i-1", "attributes": {"PublicIpAddress": public_ip}}}, "status": []},
]

# --- The library itself, on a two-port service ---

ports := [5432, 5433]

verdict(inp) := v if {
	v := port_exposure.instance_verdict(ports, "Example") with input as inp
}

test_fail_names_the_exposed_ports_and_rules if {
	v := verdict(public_instance([world_open(5433), tcp(5000, 5432, ["0.0.0.0/0"], [])]))
	v.status == "FAIL"
	v.reason == "instance i-1 is reachable from the internet on Example (TCP 5432, 5433) through its security groups (tcp port 5433; tcp ports 5000-5432)"
}

test_pass_without_internet_rule_names_every_port if {
	v := verdict(public_instance([world_open(443)]))
	v.status == "PASS"
	v.reason == "instance i-1 has no security group rule admitting the internet to Example (TCP 5432, 5433)"
}

test_pass_with_unreachable_rule_says_why if {
	v := verdict(instance([world_open(5432)], null))
	v.status == "PASS"
	v.reason == "instance i-1 has a security group rule admitting the internet to Example (tcp port 5432) but no public address that rule could reach"
}

test_only_the_rules_that_reach_are_reported if {
	# The ::/0 rule reaches no IPv6 address; the 0.0.0.0/0 one reaches the public IPv4 one.
	v := verdict(public_instance([tcp(5432, 5432, [], ["::/0"]), world_open(5433)]))
	v.reason == "instance i-1 is reachable from the internet on Example (TCP 5433) through its security groups (tcp port 5433)"
}

test_family_cases_hold_for_the_library if {
	every c in family_cases(5432) {
		[v.status | v := verdict(c.input)] == c.status
	}
}
