package parapet.aws.elasticache.elasticache_redis_cluster_in_transit_encryption_enabled_test

import rego.v1

import data.parapet.aws.elasticache.elasticache_redis_cluster_in_transit_encryption_enabled as control

res(attrs) := {"resource": {"name": "sessions", "attributes": attrs}}

test_on_passes if {
	control.status == "PASS" with input as res({"TransitEncryptionEnabled": true})
	control.reason == "ElastiCache replication group sessions encrypts data in transit" with input as res({"TransitEncryptionEnabled": true})
}

test_off_fails if {
	control.status == "FAIL" with input as res({"TransitEncryptionEnabled": false})
	control.reason == "ElastiCache replication group sessions does not encrypt data in transit" with input as res({"TransitEncryptionEnabled": false})
}

# Older answers leave the field out when it is off.
test_absent_fails if control.status == "FAIL" with input as res({})
