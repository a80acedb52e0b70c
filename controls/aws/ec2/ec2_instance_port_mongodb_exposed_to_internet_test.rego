package parapet.aws.ec2.ec2_instance_port_mongodb_exposed_to_internet_test

import rego.v1

import data.parapet.aws.ec2.ec2_instance_port_mongodb_exposed_to_internet as control
import data.parapet.lib.port_exposure_test as family

test_public_instance_with_open_port_fails if {
	inp := family.public_instance([family.world_open(27019)])
	control.status == "FAIL" with input as inp
	control.reason == "instance i-1 is reachable from the internet on MongoDB (TCP 27019) through its security groups (tcp port 27019)" with input as inp
}

test_open_rule_without_public_address_passes_and_says_so if {
	inp := family.instance([family.world_open(27017)], null)
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 has a security group rule admitting the internet to MongoDB (tcp port 27017) but no public address that rule could reach" with input as inp
}

test_restricted_sources_pass if {
	inp := family.public_instance([family.tcp(27017, 27017, ["10.0.0.0/8"], []), family.tcp(443, 443, ["0.0.0.0/0"], ["::/0"])])
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 has no security group rule admitting the internet to MongoDB (TCP 27017, 27018, 27019)" with input as inp
}

# Every port the service documents, written out here so the test fails if the list shrinks.
test_each_documented_port_fails if {
	every p in [27017, 27018, 27019] {
		control.status == "FAIL" with input as family.public_instance([family.world_open(p)])
	}
}

# The ports next to the service's: the list does not grow unnoticed.
test_neighbouring_ports_pass if {
	every p in [27016, 27020] {
		control.status == "PASS" with input as family.public_instance([family.world_open(p)])
	}
}

# All-traffic and range rules, IPv6, other protocols, unreadable rules (port_exposure_test.rego).
test_family_cases if {
	every c in family.family_cases(27017) {
		[s | s := control.status with input as c.input] == c.status
	}
}
