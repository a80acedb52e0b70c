package parapet.aws.vpc.vpc_subnet_separate_private_public_test

import rego.v1

import data.parapet.aws.vpc.vpc_subnet_separate_private_public as control

vpc(subnets) := {"resource": {"name": "vpc-1", "attributes": {"subnets": subnets}}}

test_mixed_passes if {
	inp := vpc([{"SubnetId": "subnet-a", "public": true}, {"SubnetId": "subnet-b", "public": false}])
	control.status == "PASS" with input as inp
	control.reason == "VPC vpc-1 has 1 private and 1 public subnets" with input as inp
}

test_private_only_passes if control.status == "PASS" with input as vpc([{"SubnetId": "subnet-b", "public": false}])

test_public_only_fails if {
	inp := vpc([{"SubnetId": "subnet-a", "public": true}, {"SubnetId": "subnet-c", "public": true}])
	control.status == "FAIL" with input as inp
	control.reason == "VPC vpc-1 has only public subnets (2), all routed to an internet gateway" with input as inp
}

test_empty_vpc_is_skipped if control.status == "SKIPPED" with input as vpc([])

test_unread_subnets_decide_nothing if not control.status with input as vpc(null)
