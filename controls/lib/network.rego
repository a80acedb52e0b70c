# Network reachability helpers for security groups, network ACLs and route tables.
# "From the internet" means a source of 0.0.0.0/0 or ::/0; narrower CIDRs, prefix
# lists and referenced security groups are not the internet.
package parapet.lib.network

import rego.v1

import data.parapet.lib.util

internet_cidrs := {"0.0.0.0/0", "::/0"}

is_internet(cidr) if cidr in internet_cidrs

# Prefix length of a CIDR string ("10.0.0.0/16" -> 16).
prefix_length(cidr) := to_number(split(cidr, "/")[1])

# The EC2 APIs report protocols by name (security groups) or by number (network ACLs);
# compare them as numbers.
protocol_numbers := {"all": "-1", "tcp": "6", "udp": "17", "icmp": "1", "icmpv6": "58"}

protocol(p) := protocol_numbers[lower(sprintf("%v", [p]))]

protocol(p) := s if {
	s := sprintf("%v", [p])
	not protocol_numbers[lower(s)]
}

# ICMP carries no ports, so it does not open one.
portless_protocols := {"1", "58"}

# Lowest port of a range that still counts as "every port" (port 0 is reserved).
all_ports_from := 1

max_port := 65535

# --- Security group permissions (IpPermissions entries) ---

permission_from_internet(perm) if {
	some r in util.as_list(perm.IpRanges)
	is_internet(r.CidrIp)
}

permission_from_internet(perm) if {
	some r in util.as_list(perm.Ipv6Ranges)
	is_internet(r.CidrIpv6)
}

permission_covers_tcp_port(perm, port) if protocol(perm.IpProtocol) == "-1"

permission_covers_tcp_port(perm, port) if {
	protocol(perm.IpProtocol) == "6"
	is_number(perm.FromPort)
	perm.FromPort <= port
	port <= perm.ToPort
}

# Every protocol, or every TCP or every UDP port.
permission_covers_all_ports(perm) if protocol(perm.IpProtocol) == "-1"

permission_covers_all_ports(perm) if {
	protocol(perm.IpProtocol) in {"6", "17"}
	is_number(perm.FromPort)
	perm.FromPort <= all_ports_from
	perm.ToPort >= max_port
}

permission_opens_tcp_port(perm, port) if {
	permission_from_internet(perm)
	permission_covers_tcp_port(perm, port)
}

permission_opens_all_ports(perm) if {
	permission_from_internet(perm)
	permission_covers_all_ports(perm)
}

# Any port at all: every internet permission except portless ICMP.
permission_opens_some_port(perm) if {
	permission_from_internet(perm)
	not protocol(perm.IpProtocol) in portless_protocols
}

# The permissions of a list (IpPermissions, security_group_rules) that open ports to the
# internet; a null or missing list gives none.
permissions_opening_tcp_port(perms, port) := [p | some p in util.as_list(perms); permission_opens_tcp_port(p, port)]

permissions_opening_all_ports(perms) := [p | some p in util.as_list(perms); permission_opens_all_ports(p)]

permissions_opening_some_port(perms) := [p | some p in util.as_list(perms); permission_opens_some_port(p)]

# Short text for a permission in a reason: "all traffic", "tcp port 22", "tcp ports 0-1024".
permission_label(perm) := "all traffic" if protocol(perm.IpProtocol) == "-1"

permission_label(perm) := sprintf("%v port %v", [perm.IpProtocol, perm.FromPort]) if {
	protocol(perm.IpProtocol) != "-1"
	is_number(perm.FromPort)
	perm.FromPort == perm.ToPort
}

permission_label(perm) := sprintf("%v ports %v-%v", [perm.IpProtocol, perm.FromPort, perm.ToPort]) if {
	protocol(perm.IpProtocol) != "-1"
	is_number(perm.FromPort)
	perm.FromPort != perm.ToPort
}

permission_label(perm) := sprintf("protocol %v", [perm.IpProtocol]) if {
	protocol(perm.IpProtocol) != "-1"
	not is_number(perm.FromPort)
}

# --- Network ACL entries ---
# AWS evaluates a NACL's ingress entries in ascending RuleNumber order and applies the
# first entry that matches the packet. For traffic from an arbitrary internet address
# only entries whose source is the whole internet (of that address family) always
# match, so the first such entry covering a port decides whether it is reachable.

nacl_families := {"ipv4", "ipv6"}

entry_internet_source(e, "ipv4") if e.CidrBlock == "0.0.0.0/0"

entry_internet_source(e, "ipv6") if e.Ipv6CidrBlock == "::/0"

internet_ingress_entries(entries, family) := [e |
	some e in util.as_list(entries)
	not e.Egress
	entry_internet_source(e, family)
]

entry_covers_tcp_port(e, port) if protocol(e.Protocol) == "-1"

entry_covers_tcp_port(e, port) if {
	protocol(e.Protocol) == "6"
	is_number(e.PortRange.From)
	e.PortRange.From <= port
	port <= e.PortRange.To
}

# The entry matches every port of protocol proto ("6" or "17").
entry_covers_all_ports(e, proto) if protocol(e.Protocol) == "-1"

entry_covers_all_ports(e, proto) if {
	protocol(e.Protocol) == proto
	is_number(e.PortRange.From)
	e.PortRange.From <= all_ports_from
	e.PortRange.To >= max_port
}

# The lowest-numbered entry of a list (rule numbers are unique per direction).
first_entry(candidates) := e if {
	n := min([x.RuleNumber | some x in candidates])
	some e in candidates
	e.RuleNumber == n
}

# RuleNumbers of the allow entries that expose TCP port `port` to the internet.
nacl_tcp_port_exposures(entries, port) := {first.RuleNumber |
	some family in nacl_families
	candidates := [e | some e in internet_ingress_entries(entries, family); entry_covers_tcp_port(e, port)]
	first := first_entry(candidates)
	first.RuleAction == "allow"
}

# RuleNumbers of the allow entries that expose every TCP or every UDP port to the internet.
nacl_all_ports_exposures(entries) := {first.RuleNumber |
	some family in nacl_families
	some proto in {"6", "17"}
	candidates := [e | some e in internet_ingress_entries(entries, family); entry_covers_all_ports(e, proto)]
	first := first_entry(candidates)
	first.RuleAction == "allow"
}

# The same for the network ACL under evaluation, from its internet ingress entries by
# address family: a rule without arguments reading `input`, evaluated once per resource
# and shared by the NACL controls, where each call above rescans every entry.
nacl_internet_ingress := {family: internet_ingress_entries(input.resource.attributes.Entries, family) |
	some family in nacl_families
}

nacl_tcp_port_exposures_of(ingress, port) := {first.RuleNumber |
	some family in nacl_families
	candidates := [e | some e in ingress[family]; entry_covers_tcp_port(e, port)]
	first := first_entry(candidates)
	first.RuleAction == "allow"
}

nacl_all_ports_exposures_of(ingress) := {first.RuleNumber |
	some family in nacl_families
	some proto in {"6", "17"}
	candidates := [e | some e in ingress[family]; entry_covers_all_ports(e, proto)]
	first := first_entry(candidates)
	first.RuleAction == "allow"
}

nacl_exposes_tcp_port(entries, port) if count(nacl_tcp_port_exposures(entries, port)) > 0

nacl_exposes_all_ports(entries) if count(nacl_all_ports_exposures(entries)) > 0

# --- Several ports at once (database, cache, file-sharing service families) ---

# The permission admits the internet to TCP port `port` for some port of `ports`.
permission_opens_any_tcp_port(perm, ports) if {
	some port in ports
	permission_opens_tcp_port(perm, port)
}

# The permissions of a list that open at least one of `ports` (TCP) to the internet.
permissions_opening_any_tcp_port(perms, ports) := [p |
	some p in util.as_list(perms)
	permission_opens_any_tcp_port(p, ports)
]

# The ports of `ports` the permissions open to the internet, sorted.
exposed_tcp_ports(perms, ports) := sort([port |
	some port in ports
	some p in util.as_list(perms)
	permission_opens_tcp_port(p, port)
])

# --- The same, computed once per resource ---
# A rule without arguments is evaluated once per resource and shared by every control
# that reads it, where a function runs again for each call. The port-exposure families
# (a dozen controls per security group, seventeen per instance) read these instead of
# rescanning every permission for every port they check.

# The permissions of a list that admit the internet to TCP, in order, each as
# {"perm": p, "all": true} (every protocol) or {"perm": p, "all": false, "from": FromPort,
# "to": ToPort}; a permission with no numeric FromPort or no ToPort opens no TCP port.
tcp_openings(perms) := [o |
	some p in util.as_list(perms)
	permission_from_internet(p)
	o := tcp_opening(p)
]

tcp_opening(p) := {"perm": p, "all": true} if protocol(p.IpProtocol) == "-1"

tcp_opening(p) := {"perm": p, "all": false, "from": p.FromPort, "to": p.ToPort} if {
	protocol(p.IpProtocol) == "6"
	is_number(p.FromPort)
}

# The openings of the security group being evaluated (IpPermissions) and of the instance
# being evaluated (the rules of its security groups).
security_group_tcp_openings := tcp_openings(input.resource.attributes.IpPermissions)

instance_tcp_openings := tcp_openings(input.resource.attributes.security_group_rules)

opening_covers(o, port) if o.all

opening_covers(o, port) if {
	not o.all
	o.from <= port
	port <= o.to
}

# As exposed_tcp_ports and permissions_opening_any_tcp_port, from openings.
exposed_ports(openings, ports) := sort([port |
	some port in ports
	some o in openings
	opening_covers(o, port)
])

opening_covers_any(o, ports) if {
	some port in ports
	opening_covers(o, port)
}

openings_permissions(openings, ports) := [o.perm |
	some o in openings
	opening_covers_any(o, ports)
]

# --- Public IPv4 ranges ---
# Private (RFC 1918), shared (RFC 6598), loopback and link-local ranges are not
# routable from the internet.
non_public_ipv4 := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"]

is_public_ipv4_cidr(cidr) if {
	contains(cidr, ".")
	every r in non_public_ipv4 {
		not net.cidr_contains(r, cidr)
	}
}
