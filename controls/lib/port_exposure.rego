# The port-exposure family (ec2_instance_port_<service>_exposed_to_internet): does the
# internet reach one of a service's TCP ports on the instance under evaluation? Each
# control names its ports and a label; the verdict and its reason are written here once.
package parapet.lib.port_exposure

import rego.v1

import data.parapet.lib.network
import data.parapet.lib.util

attrs := input.resource.attributes

# --- Reachability: the one place the family decides whether the internet reaches ---
# Today a security group rule admitting 0.0.0.0/0 reaches an instance with a public IPv4
# address, and one admitting ::/0 an instance with an IPv6 address (IPv6 addresses are
# globally routable); routes and network ACLs are not looked at. Issue 21's computed
# reachability (route to an attached internet gateway, NACLs, public address, security
# groups) replaces the two `reaches` bodies and `unreachable_because`, nothing else.

reaches(rule) if {
	is_string(attrs.PublicIpAddress)
	some r in util.as_list(rule.IpRanges)
	r.CidrIp == "0.0.0.0/0"
}

reaches(rule) if {
	is_string(object.get(attrs, "Ipv6Address", null))
	some r in util.as_list(rule.Ipv6Ranges)
	r.CidrIpv6 == "::/0"
}

# Why rules admitting the internet do not reach the instance, for a PASS's reason.
unreachable_because := "no public address that rule could reach"

# --- The verdict ---

# {"status", "reason"} of the instance for TCP `ports` of the service `label`. Undefined
# without the security group rules: the control then cannot decide (the engine reports
# ERROR). Computed in one call so that a control evaluates it once.
instance_verdict(ports, label) := verdict(input.resource.name, ports, label, open, reachable) if {
	is_array(attrs.security_group_rules)
	# The instance's internet openings are computed once per resource (network.rego).
	open := network.openings_permissions(network.instance_tcp_openings, ports)
	reachable := [p | some p in open; reaches(p)]
}

verdict(name, ports, label, open, reachable) := {"status": "FAIL", "reason": reason} if {
	count(reachable) > 0
	exposed := network.exposed_tcp_ports(reachable, ports)
	reason := sprintf("instance %s is reachable from the internet on %s (TCP %s) through its security groups (%s)", [name, label, ports_text(exposed), labels(reachable)])
}

verdict(name, ports, label, open, reachable) := {"status": "PASS", "reason": reason} if {
	count(reachable) == 0
	count(open) == 0
	reason := sprintf("instance %s has no security group rule admitting the internet to %s (TCP %s)", [name, label, ports_text(ports)])
}

verdict(name, ports, label, open, reachable) := {"status": "PASS", "reason": reason} if {
	count(reachable) == 0
	count(open) > 0
	reason := sprintf("instance %s has a security group rule admitting the internet to %s (%s) but %s", [name, label, labels(open), unreachable_because])
}

ports_text(ports) := concat(", ", [sprintf("%d", [p]) | some p in ports])

labels(rules) := concat("; ", sort({network.permission_label(p) | some p in rules}))
