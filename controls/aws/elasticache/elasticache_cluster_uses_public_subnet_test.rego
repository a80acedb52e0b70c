package parapet.aws.elasticache.elasticache_cluster_uses_public_subnet_test

import rego.v1

import data.parapet.aws.elasticache.elasticache_cluster_uses_public_subnet as control

res(public) := {"resource": {"name": "cache", "attributes": {"public_subnets": public}}}

test_private_passes if {
	control.status == "PASS" with input as res([])
	control.reason == "ElastiCache cluster cache runs in private subnets only" with input as res([])
}

test_public_fails if {
	control.status == "FAIL" with input as res(["subnet-b", "subnet-a"])
	control.reason == "ElastiCache cluster cache runs in public subnets subnet-a, subnet-b (routed to an internet gateway)" with input as res(["subnet-b", "subnet-a"])
}

test_unreadable_decides_nothing if not control.status with input as res(null)
