package parapet.aws.vpc.vpc_subnet_no_public_ip_by_default_test

import rego.v1

import data.parapet.aws.vpc.vpc_subnet_no_public_ip_by_default as control

subnet(v) := {"resource": {"name": "private-a", "attributes": {"MapPublicIpOnLaunch": v, "DefaultForAz": false}}}

test_off_passes if {
	control.status == "PASS" with input as subnet(false)
	control.reason == "subnet private-a does not assign public IPv4 addresses on launch" with input as subnet(false)
}

test_on_fails if {
	control.status == "FAIL" with input as subnet(true)
	control.reason == "subnet private-a assigns a public IPv4 address to every instance launched in it" with input as subnet(true)
}

test_unknown_decides_nothing if not control.status with input as subnet(null)
