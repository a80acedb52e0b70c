package parapet.aws.ec2.ec2_instance_port_redis_exposed_to_internet_test

import rego.v1

import data.parapet.aws.ec2.ec2_instance_port_redis_exposed_to_internet as control
import data.parapet.lib.port_exposure_test as family

test_public_instance_with_open_port_fails if {
	inp := family.public_instance([family.world_open(26379)])
	control.status == "FAIL" with input as inp
	control.reason == "instance i-1 is reachable from the internet on Redis (TCP 26379) through its security groups (tcp port 26379)" with input as inp
}

test_open_rule_without_public_address_passes_and_says_so if {
	inp := family.instance([family.world_open(6379)], null)
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 has a security group rule admitting the internet to Redis (tcp port 6379) but no public address that rule could reach" with input as inp
}

test_restricted_sources_pass if {
	inp := family.public_instance([family.tcp(6379, 6379, ["10.0.0.0/8"], []), family.tcp(443, 443, ["0.0.0.0/0"], ["::/0"])])
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 has no security group rule admitting the internet to Redis (TCP 6379, 16379, 26379)" with input as inp
}

# Every port the service documents, written out here so the test fails if the list shrinks.
test_each_documented_port_fails if {
	every p in [6379, 16379, 26379] {
		control.status == "FAIL" with input as family.public_instance([family.world_open(p)])
	}
}

# The ports next to the service's: the list does not grow unnoticed.
test_neighbouring_ports_pass if {
	every p in [6378, 6380, 16378, 16380, 26378, 26380] {
		control.status == "PASS" with input as family.public_instance([family.world_open(p)])
	}
}

# All-traffic and range rules, IPv6, other protocols, unreadable rules (port_exposure_test.rego).
test_family_cases if {
	every c in family.family_cases(6379) {
		[s | s := control.status with input as c.input] == c.status
	}
}
