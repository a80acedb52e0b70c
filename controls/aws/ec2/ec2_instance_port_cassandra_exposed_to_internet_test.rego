package parapet.aws.ec2.ec2_instance_port_cassandra_exposed_to_internet_test

import rego.v1

import data.parapet.aws.ec2.ec2_instance_port_cassandra_exposed_to_internet as control
import data.parapet.lib.port_exposure_test as family

test_public_instance_with_open_port_fails if {
	inp := family.public_instance([family.world_open(9160)])
	control.status == "FAIL" with input as inp
	control.reason == "instance i-1 is reachable from the internet on Cassandra (TCP 9160) through its security groups (tcp port 9160)" with input as inp
}

test_open_rule_without_public_address_passes_and_says_so if {
	inp := family.instance([family.world_open(7000)], null)
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 has a security group rule admitting the internet to Cassandra (tcp port 7000) but no public address that rule could reach" with input as inp
}

test_restricted_sources_pass if {
	inp := family.public_instance([family.tcp(7000, 7000, ["10.0.0.0/8"], []), family.tcp(443, 443, ["0.0.0.0/0"], ["::/0"])])
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 has no security group rule admitting the internet to Cassandra (TCP 7000, 7001, 7199, 8888, 9042, 9142, 9160)" with input as inp
}

# Every port the service documents, written out here so the test fails if the list shrinks.
test_each_documented_port_fails if {
	every p in [7000, 7001, 7199, 8888, 9042, 9142, 9160] {
		control.status == "FAIL" with input as family.public_instance([family.world_open(p)])
	}
}

# The ports next to the service's: the list does not grow unnoticed.
test_neighbouring_ports_pass if {
	every p in [6999, 7002, 7198, 7200, 8887, 8889, 9041, 9043, 9141, 9143, 9159, 9161] {
		control.status == "PASS" with input as family.public_instance([family.world_open(p)])
	}
}

# All-traffic and range rules, IPv6, other protocols, unreadable rules (port_exposure_test.rego).
test_family_cases if {
	every c in family.family_cases(7000) {
		[s | s := control.status with input as c.input] == c.status
	}
}
