package parapet.aws.ec2.ec2_launch_template_no_public_ip_test

import rego.v1

import data.parapet.aws.ec2.ec2_launch_template_no_public_ip as control

template(interfaces) := {"resource": {"name": "web", "attributes": {"default_version_network_interfaces": interfaces}}}

test_public_ip_fails if {
	control.status == "FAIL" with input as template([{"AssociatePublicIpAddress": true}])
	control.reason == "launch template web assigns a public IP address to instances launched from its default version" with input as template([{"AssociatePublicIpAddress": true}])
}

test_explicitly_private_passes if control.status == "PASS" with input as template([{"AssociatePublicIpAddress": false}])

# Without interfaces in the template, the subnet's setting decides (vpc_subnet_no_public_ip_by_default).
test_no_interfaces_passes if control.status == "PASS" with input as template([])

test_unknown_decides_nothing if not control.status with input as template(null)
