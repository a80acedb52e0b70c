package parapet.aws.vpc.vpc_endpoint_for_ec2_enabled_test

import rego.v1

import data.parapet.aws.vpc.vpc_endpoint_for_ec2_enabled as control

vpc(endpoints) := {"resource": {"name": "prod", "region": "eu-west-1", "attributes": {"endpoints": endpoints}}}

test_ec2_endpoint_passes if {
	inp := vpc([{"ServiceName": "com.amazonaws.eu-west-1.ec2", "VpcEndpointType": "Interface", "State": "available"}])
	control.status == "PASS" with input as inp
}

test_other_endpoints_fail if {
	inp := vpc([
		{"ServiceName": "com.amazonaws.eu-west-1.s3", "VpcEndpointType": "Gateway", "State": "available"},
		# ec2messages is Systems Manager's channel, not the EC2 API.
		{"ServiceName": "com.amazonaws.eu-west-1.ec2messages", "VpcEndpointType": "Interface", "State": "available"},
	])
	control.status == "FAIL" with input as inp
	control.reason == "VPC prod has no available EC2 API endpoint" with input as inp
}

test_pending_endpoint_fails if control.status == "FAIL" with input as vpc([{"ServiceName": "com.amazonaws.eu-west-1.ec2", "State": "pending"}])

test_no_endpoints_fail if control.status == "FAIL" with input as vpc([])

test_unknown_decides_nothing if not control.status with input as vpc(null)
