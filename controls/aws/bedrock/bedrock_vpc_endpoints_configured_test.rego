package parapet.aws.bedrock.bedrock_vpc_endpoints_configured_test

import rego.v1

import data.parapet.aws.bedrock.bedrock_vpc_endpoints_configured as control

vpc(endpoints) := {"resource": {"name": "vpc-1", "attributes": {"endpoints": endpoints}}}

test_runtime_endpoint_passes if {
	inp := vpc([{"ServiceName": "com.amazonaws.us-east-1.bedrock-runtime", "VpcEndpointType": "Interface", "State": "available"}])
	control.status == "PASS" with input as inp
	control.reason == "VPC vpc-1 has a Bedrock runtime endpoint" with input as inp
}

test_other_endpoints_fail if {
	inp := vpc([{"ServiceName": "com.amazonaws.us-east-1.s3", "VpcEndpointType": "Gateway", "State": "available"}])
	control.status == "FAIL" with input as inp
	control.status == "FAIL" with input as vpc([])
	control.reason == "VPC vpc-1 has no Bedrock runtime endpoint" with input as inp
}

test_deleted_endpoint_fails if control.status == "FAIL" with input as vpc([{"ServiceName": "com.amazonaws.us-east-1.bedrock-runtime", "State": "deleted"}])
