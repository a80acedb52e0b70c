package parapet.aws.ec2.ec2_instance_public_ip_test

import rego.v1

import data.parapet.aws.ec2.ec2_instance_public_ip as control

instance(ip) := {"resource": {"name": "web", "attributes": {"PublicIpAddress": ip}}}

test_public_ip_fails if {
	control.status == "FAIL" with input as instance("198.51.100.7")
	control.reason == "instance web has public IPv4 address 198.51.100.7" with input as instance("198.51.100.7")
}

test_no_public_ip_passes if {
	control.status == "PASS" with input as instance(null)
	control.reason == "instance web has no public IPv4 address" with input as instance(null)
}
