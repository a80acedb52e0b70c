package parapet.lib.network_test

import rego.v1

import data.parapet.lib.network

# --- CIDRs and protocols ---

test_internet_cidrs if {
	network.is_internet("0.0.0.0/0")
	network.is_internet("::/0")
	not network.is_internet("10.0.0.0/8")
	not network.is_internet("0.0.0.0/1")
	not network.is_internet(null)
}

test_prefix_length if {
	network.prefix_length("10.0.0.0/16") == 16
	network.prefix_length("2600:1f18::/56") == 56
}

test_protocol_names_and_numbers if {
	network.protocol("tcp") == "6"
	network.protocol("TCP") == "6"
	network.protocol("6") == "6"
	network.protocol("-1") == "-1"
	network.protocol("50") == "50"
}

# --- Security group permissions ---

sg_perm(proto, from, to, cidr) := {"IpProtocol": proto, "FromPort": from, "ToPort": to, "IpRanges": [{"CidrIp": cidr}]}

test_sg_tcp_22_from_internet if network.permission_opens_tcp_port(sg_perm("tcp", 22, 22, "0.0.0.0/0"), 22)

test_sg_range_including_port if network.permission_opens_tcp_port(sg_perm("tcp", 0, 1024, "0.0.0.0/0"), 22)

test_sg_range_excluding_port if not network.permission_opens_tcp_port(sg_perm("tcp", 23, 1024, "0.0.0.0/0"), 22)

test_sg_udp_is_not_tcp if not network.permission_opens_tcp_port(sg_perm("udp", 22, 22, "0.0.0.0/0"), 22)

test_sg_all_protocols_open_port if {
	perm := {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
	network.permission_opens_tcp_port(perm, 3389)
	network.permission_opens_all_ports(perm)
}

test_sg_ipv6_internet if {
	perm := {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "IpRanges": [], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}
	network.permission_opens_tcp_port(perm, 3389)
}

test_sg_private_cidr_is_not_internet if not network.permission_opens_tcp_port(sg_perm("tcp", 22, 22, "10.0.0.0/8"), 22)

test_sg_prefix_list_and_group_are_not_internet if {
	perm := {
		"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [],
		"PrefixListIds": [{"PrefixListId": "pl-1"}], "UserIdGroupPairs": [{"GroupId": "sg-1"}],
	}
	not network.permission_from_internet(perm)
}

test_sg_full_tcp_range_is_all_ports if network.permission_opens_all_ports(sg_perm("tcp", 0, 65535, "0.0.0.0/0"))

test_sg_partial_range_is_not_all_ports if not network.permission_opens_all_ports(sg_perm("tcp", 1024, 65535, "0.0.0.0/0"))

test_sg_icmp_opens_no_port if not network.permission_opens_some_port(sg_perm("icmp", -1, -1, "0.0.0.0/0"))

test_sg_https_opens_some_port if network.permission_opens_some_port(sg_perm("tcp", 443, 443, "0.0.0.0/0"))

test_sg_labels if {
	network.permission_label({"IpProtocol": "-1"}) == "all traffic"
	network.permission_label(sg_perm("tcp", 22, 22, "0.0.0.0/0")) == "tcp port 22"
	network.permission_label(sg_perm("udp", 0, 65535, "0.0.0.0/0")) == "udp ports 0-65535"
	network.permission_label({"IpProtocol": "50"}) == "protocol 50"
}

# --- Network ACL entries ---

entry(n, action, proto, from, to) := {
	"RuleNumber": n, "RuleAction": action, "Protocol": proto, "Egress": false,
	"CidrBlock": "0.0.0.0/0", "PortRange": {"From": from, "To": to},
}

default_deny := {"RuleNumber": 32767, "RuleAction": "deny", "Protocol": "-1", "Egress": false, "CidrBlock": "0.0.0.0/0"}

allow_all := {"RuleNumber": 100, "RuleAction": "allow", "Protocol": "-1", "Egress": false, "CidrBlock": "0.0.0.0/0"}

test_nacl_default_acl_exposes_everything if {
	network.nacl_exposes_tcp_port([allow_all, default_deny], 22)
	network.nacl_exposes_all_ports([allow_all, default_deny])
	network.nacl_tcp_port_exposures([allow_all, default_deny], 22) == {100}
}

test_nacl_only_default_deny if {
	not network.nacl_exposes_tcp_port([default_deny], 22)
	not network.nacl_exposes_all_ports([default_deny])
}

test_nacl_deny_before_allow if {
	entries := [allow_all, entry(50, "deny", "6", 22, 22), default_deny]
	not network.nacl_exposes_tcp_port(entries, 22)
	network.nacl_exposes_tcp_port(entries, 3389)

	# the other ports are still all open
	network.nacl_exposes_all_ports(entries)
}

test_nacl_deny_after_allow_does_not_help if {
	entries := [entry(100, "allow", "6", 0, 65535), entry(200, "deny", "6", 22, 22), default_deny]
	network.nacl_exposes_tcp_port(entries, 22)
}

test_nacl_order_is_by_rule_number_not_list_position if {
	entries := [entry(200, "allow", "6", 22, 22), entry(10, "deny", "-1", null, null)]
	not network.nacl_exposes_tcp_port(entries, 22)
}

test_nacl_narrow_deny_does_not_shadow_internet_allow if {
	narrow := object.union(entry(50, "deny", "6", 22, 22), {"CidrBlock": "198.51.100.0/24"})
	network.nacl_exposes_tcp_port([narrow, entry(100, "allow", "6", 22, 22)], 22)
}

test_nacl_private_allow_is_not_exposure if {
	private := object.union(entry(100, "allow", "6", 22, 22), {"CidrBlock": "10.0.0.0/8"})
	not network.nacl_exposes_tcp_port([private, default_deny], 22)
}

test_nacl_egress_ignored if {
	egress := object.union(allow_all, {"Egress": true})
	not network.nacl_exposes_tcp_port([egress, default_deny], 22)
	not network.nacl_exposes_all_ports([egress, default_deny])
}

test_nacl_ipv6_allow_with_ipv4_deny if {
	deny4 := entry(50, "deny", "-1", null, null)
	allow6 := {"RuleNumber": 101, "RuleAction": "allow", "Protocol": "-1", "Egress": false, "Ipv6CidrBlock": "::/0"}
	network.nacl_tcp_port_exposures([deny4, allow6], 22) == {101}
}

test_nacl_udp_only_does_not_expose_tcp if not network.nacl_exposes_tcp_port([entry(100, "allow", "17", 0, 65535)], 22)

test_nacl_full_tcp_range_is_all_ports if network.nacl_exposes_all_ports([entry(100, "allow", "6", 0, 65535)])

test_nacl_web_ports_are_not_all_ports if not network.nacl_exposes_all_ports([entry(100, "allow", "6", 443, 443), default_deny])

test_nacl_full_deny_of_tcp_leaves_udp_exposed if {
	entries := [entry(50, "deny", "6", 0, 65535), allow_all, default_deny]
	network.nacl_exposes_all_ports(entries)
	not network.nacl_exposes_tcp_port(entries, 22)
}

test_nacl_empty_or_null if {
	not network.nacl_exposes_tcp_port([], 22)
	not network.nacl_exposes_all_ports(null)
}

test_null_ports_and_actions_do_not_error if {
	not network.permission_opens_tcp_port(sg_perm("tcp", null, null, "0.0.0.0/0"), 22)
	not network.permission_opens_all_ports(sg_perm("tcp", null, null, "0.0.0.0/0"))
	not network.nacl_exposes_tcp_port([entry(100, null, "6", null, null)], 22)
	not network.nacl_exposes_all_ports([entry(100, "allow", "6", null, null)])
	not network.nacl_exposes_tcp_port([{"RuleNumber": 100, "RuleAction": null, "Protocol": "-1", "CidrBlock": "0.0.0.0/0"}], 22)
}

test_permission_lists if {
	perms := [sg_perm("tcp", 22, 22, "0.0.0.0/0"), sg_perm("tcp", 443, 443, "10.0.0.0/8"), {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
	count(network.permissions_opening_tcp_port(perms, 22)) == 2
	count(network.permissions_opening_all_ports(perms)) == 1
	count(network.permissions_opening_some_port(perms)) == 2
	network.permissions_opening_some_port(null) == []
}

test_any_of_several_ports if {
	perm := {"IpProtocol": "tcp", "FromPort": 27000, "ToPort": 27017, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
	network.permission_opens_any_tcp_port(perm, [27017, 27018])
	not network.permission_opens_any_tcp_port(perm, [27018])
	network.exposed_tcp_ports([perm], [27017, 27018]) == [27017]
}

test_several_ports_ignore_private_sources_and_udp if {
	perms := [
		{"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
		{"IpProtocol": "udp", "FromPort": 3306, "ToPort": 3306, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
		{"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "PrefixListIds": [{"PrefixListId": "pl-1"}]},
		{"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "UserIdGroupPairs": [{"GroupId": "sg-1"}]},
	]
	network.permissions_opening_any_tcp_port(perms, [3306]) == []
}

test_all_protocols_opens_every_listed_port if {
	perm := {"IpProtocol": "-1", "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}
	network.exposed_tcp_ports([perm], [1433, 1434]) == [1433, 1434]
}

test_public_ipv4_cidrs if {
	network.is_public_ipv4_cidr("0.0.0.0/0")
	network.is_public_ipv4_cidr("203.0.113.0/24")
	not network.is_public_ipv4_cidr("10.1.0.0/16")
	not network.is_public_ipv4_cidr("172.20.0.0/24")
	not network.is_public_ipv4_cidr("192.168.1.10/32")
	not network.is_public_ipv4_cidr("::/0")
}

# The once-per-resource openings give what the per-port helpers give.
mixed_permissions := [
	{"IpProtocol": "tcp", "FromPort": 20, "ToPort": 25, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
	{"IpProtocol": "-1", "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
	{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
	{"IpProtocol": "udp", "FromPort": 0, "ToPort": 65535, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
	{"IpProtocol": "6", "FromPort": 3306, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
	{"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
]

test_openings_agree_with_the_per_port_helpers if {
	every ports in [[22], [21, 23], [3306], [8080, 9090]] {
		network.exposed_ports(network.tcp_openings(mixed_permissions), ports) == network.exposed_tcp_ports(mixed_permissions, ports)
		network.openings_permissions(network.tcp_openings(mixed_permissions), ports) == network.permissions_opening_any_tcp_port(mixed_permissions, ports)
	}
}

test_openings_of_the_resource_being_evaluated if {
	sg := {"resource": {"attributes": {"IpPermissions": mixed_permissions}}}
	count(network.security_group_tcp_openings) == 2 with input as sg
	instance := {"resource": {"attributes": {"security_group_rules": mixed_permissions}}}
	network.exposed_ports(network.instance_tcp_openings, [22, 3389]) == [22, 22, 3389] with input as instance
}

test_nacl_input_rules_match_the_functions if {
	ipv6_allow := {"RuleNumber": 90, "Protocol": "6", "PortRange": {"From": 3000, "To": 4000}, "Egress": false, "Ipv6CidrBlock": "::/0", "RuleAction": "allow"}
	deny_22 := {"RuleNumber": 50, "Protocol": "6", "PortRange": {"From": 22, "To": 22}, "Egress": false, "CidrBlock": "0.0.0.0/0", "RuleAction": "deny"}
	every entries in [[allow_all, default_deny], [default_deny], [deny_22, allow_all, ipv6_allow, default_deny]] {
		every port in [22, 3389] {
			network.nacl_tcp_port_exposures_of(network.nacl_internet_ingress, port) == network.nacl_tcp_port_exposures(entries, port) with input as {"resource": {"attributes": {"Entries": entries}}}
		}
		network.nacl_all_ports_exposures_of(network.nacl_internet_ingress) == network.nacl_all_ports_exposures(entries) with input as {"resource": {"attributes": {"Entries": entries}}}
	}
}
