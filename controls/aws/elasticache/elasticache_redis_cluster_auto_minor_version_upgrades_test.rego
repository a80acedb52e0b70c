package parapet.aws.elasticache.elasticache_redis_cluster_auto_minor_version_upgrades_test

import rego.v1

import data.parapet.aws.elasticache.elasticache_redis_cluster_auto_minor_version_upgrades as control

res(attrs) := {"resource": {"name": "sessions", "attributes": attrs}}

test_on_passes if {
	control.status == "PASS" with input as res({"AutoMinorVersionUpgrade": true})
	control.reason == "ElastiCache replication group sessions applies minor version upgrades automatically" with input as res({"AutoMinorVersionUpgrade": true})
}

test_off_fails if {
	control.status == "FAIL" with input as res({"AutoMinorVersionUpgrade": false})
	control.reason == "ElastiCache replication group sessions does not apply minor version upgrades automatically" with input as res({"AutoMinorVersionUpgrade": false})
}

# Older answers leave the field out when it is off.
test_absent_fails if control.status == "FAIL" with input as res({})
