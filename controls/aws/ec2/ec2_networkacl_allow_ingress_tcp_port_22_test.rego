package parapet.aws.ec2.ec2_networkacl_allow_ingress_tcp_port_22_test

import rego.v1

import data.parapet.aws.ec2.ec2_networkacl_allow_ingress_tcp_port_22 as control

acl(entries) := {"resource": {"name": "acl-1", "attributes": {"NetworkAclId": "acl-1", "Entries": entries}}}

ingress(n, action, proto, cidr, range) := {
	"RuleNumber": n, "RuleAction": action, "Protocol": proto, "Egress": false,
	"CidrBlock": cidr, "PortRange": range,
}

default_deny := ingress(32767, "deny", "-1", "0.0.0.0/0", null)

default_deny_v6 := {"RuleNumber": 32768, "RuleAction": "deny", "Protocol": "-1", "Egress": false, "Ipv6CidrBlock": "::/0"}

# The default ACL of a new VPC.
test_default_acl_fails if {
	inp := acl([ingress(100, "allow", "-1", "0.0.0.0/0", null), default_deny])
	control.status == "FAIL" with input as inp
	control.reason == "network ACL acl-1 allows TCP port 22 (SSH) in from the internet (rule 100)" with input as inp
}

test_exact_port_fails if control.status == "FAIL" with input as acl([ingress(100, "allow", "6", "0.0.0.0/0", {"From": 22, "To": 22}), default_deny])

test_range_including_port_fails if control.status == "FAIL" with input as acl([ingress(100, "allow", "6", "0.0.0.0/0", {"From": 1, "To": 65535}), default_deny])

test_ipv6_allow_fails if {
	allow6 := {"RuleNumber": 101, "RuleAction": "allow", "Protocol": "6", "Egress": false, "Ipv6CidrBlock": "::/0", "PortRange": {"From": 22, "To": 22}}
	control.status == "FAIL" with input as acl([allow6, default_deny, default_deny_v6])
}

test_only_other_ports_passes if {
	inp := acl([ingress(100, "allow", "6", "0.0.0.0/0", {"From": 443, "To": 443}), default_deny])
	control.status == "PASS" with input as inp
	control.reason == "network ACL acl-1 does not allow TCP port 22 (SSH) in from the internet" with input as inp
}

test_deny_before_allow_passes if {
	inp := acl([
		ingress(100, "allow", "-1", "0.0.0.0/0", null),
		ingress(90, "deny", "6", "0.0.0.0/0", {"From": 22, "To": 22}),
		default_deny,
	])
	control.status == "PASS" with input as inp
}

test_deny_after_allow_fails if {
	inp := acl([
		ingress(100, "allow", "-1", "0.0.0.0/0", null),
		ingress(110, "deny", "6", "0.0.0.0/0", {"From": 22, "To": 22}),
		default_deny,
	])
	control.status == "FAIL" with input as inp
}

test_private_source_passes if control.status == "PASS" with input as acl([ingress(100, "allow", "6", "10.0.0.0/8", {"From": 22, "To": 22}), default_deny])

test_udp_passes if control.status == "PASS" with input as acl([ingress(100, "allow", "17", "0.0.0.0/0", {"From": 22, "To": 22}), default_deny])

test_egress_ignored if {
	egress := object.union(ingress(100, "allow", "-1", "0.0.0.0/0", null), {"Egress": true})
	control.status == "PASS" with input as acl([egress, default_deny])
}

test_missing_entries_undecided if not control.status with input as {"resource": {"name": "acl-1", "attributes": {}}}
