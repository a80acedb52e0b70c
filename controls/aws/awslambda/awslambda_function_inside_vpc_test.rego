package parapet.aws.awslambda.awslambda_function_inside_vpc_test

import rego.v1

import data.parapet.aws.awslambda.awslambda_function_inside_vpc as control

fn(attrs) := {"resource": {"name": "resize", "attributes": attrs}}

test_vpc_function_passes if {
	inp := fn({"in_vpc": true, "VpcConfig": {"VpcId": "vpc-1", "SubnetIds": ["subnet-1"]}})
	control.status == "PASS" with input as inp
	control.reason == "function resize runs in VPC vpc-1" with input as inp
}

test_function_without_vpc_fails if {
	# AWS answers an empty VpcConfig (VpcId "") for functions outside a VPC.
	inp := fn({"in_vpc": false, "VpcConfig": {"VpcId": "", "SubnetIds": []}})
	control.status == "FAIL" with input as inp
	control.reason == "function resize is not attached to a VPC" with input as inp
}
