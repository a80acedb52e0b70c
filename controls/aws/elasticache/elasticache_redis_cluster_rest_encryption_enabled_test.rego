package parapet.aws.elasticache.elasticache_redis_cluster_rest_encryption_enabled_test

import rego.v1

import data.parapet.aws.elasticache.elasticache_redis_cluster_rest_encryption_enabled as control

res(attrs) := {"resource": {"name": "sessions", "attributes": attrs}}

test_on_passes if {
	control.status == "PASS" with input as res({"AtRestEncryptionEnabled": true})
	control.reason == "ElastiCache replication group sessions encrypts data at rest" with input as res({"AtRestEncryptionEnabled": true})
}

test_off_fails if {
	control.status == "FAIL" with input as res({"AtRestEncryptionEnabled": false})
	control.reason == "ElastiCache replication group sessions does not encrypt data at rest" with input as res({"AtRestEncryptionEnabled": false})
}

# Older answers leave the field out when it is off.
test_absent_fails if control.status == "FAIL" with input as res({})
