package parapet.aws.ec2.ec2_networkacl_allow_ingress_any_port_test

import rego.v1

import data.parapet.aws.ec2.ec2_networkacl_allow_ingress_any_port as control

acl(entries) := {"resource": {"name": "acl-1", "attributes": {"NetworkAclId": "acl-1", "Entries": entries}}}

ingress(n, action, proto, cidr, range) := {
	"RuleNumber": n, "RuleAction": action, "Protocol": proto, "Egress": false,
	"CidrBlock": cidr, "PortRange": range,
}

default_deny := ingress(32767, "deny", "-1", "0.0.0.0/0", null)

test_default_acl_fails if {
	inp := acl([ingress(100, "allow", "-1", "0.0.0.0/0", null), default_deny])
	control.status == "FAIL" with input as inp
	control.reason == "network ACL acl-1 allows every port in from the internet (rule 100)" with input as inp
}

test_ipv4_and_ipv6_allow_all_fails if {
	allow6 := {"RuleNumber": 101, "RuleAction": "allow", "Protocol": "-1", "Egress": false, "Ipv6CidrBlock": "::/0"}
	inp := acl([ingress(100, "allow", "-1", "0.0.0.0/0", null), allow6, default_deny])
	control.reason == "network ACL acl-1 allows every port in from the internet (rule 100, 101)" with input as inp
}

test_full_tcp_range_fails if control.status == "FAIL" with input as acl([ingress(100, "allow", "6", "0.0.0.0/0", {"From": 0, "To": 65535}), default_deny])

test_specific_ports_pass if {
	inp := acl([
		ingress(100, "allow", "6", "0.0.0.0/0", {"From": 443, "To": 443}),
		ingress(110, "allow", "6", "0.0.0.0/0", {"From": 1024, "To": 65535}),
		default_deny,
	])
	control.status == "PASS" with input as inp
	control.reason == "network ACL acl-1 does not allow every port in from the internet" with input as inp
}

test_deny_all_first_passes if {
	inp := acl([ingress(100, "allow", "-1", "0.0.0.0/0", null), ingress(10, "deny", "-1", "0.0.0.0/0", null)])
	control.status == "PASS" with input as inp
}

# A deny for one port leaves all the others open.
test_single_port_deny_first_still_fails if {
	inp := acl([ingress(100, "allow", "-1", "0.0.0.0/0", null), ingress(10, "deny", "6", "0.0.0.0/0", {"From": 22, "To": 22})])
	control.status == "FAIL" with input as inp
}

test_private_allow_all_passes if control.status == "PASS" with input as acl([ingress(100, "allow", "-1", "10.0.0.0/16", null), default_deny])

test_egress_allow_all_passes if {
	egress := object.union(ingress(100, "allow", "-1", "0.0.0.0/0", null), {"Egress": true})
	control.status == "PASS" with input as acl([egress, default_deny])
}

test_missing_entries_undecided if not control.status with input as {"resource": {"name": "acl-1", "attributes": {}}}
