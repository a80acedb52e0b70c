package parapet.aws.elasticache.elasticache_redis_cluster_backup_enabled_test

import rego.v1

import data.parapet.aws.elasticache.elasticache_redis_cluster_backup_enabled as control

res(limit) := {"resource": {"name": "sessions", "attributes": {"SnapshotRetentionLimit": limit}}}

test_seven_days_pass if {
	control.status == "PASS" with input as res(7)
	control.reason == "ElastiCache replication group sessions keeps automatic backups for 7 day(s)" with input as res(7)
}

test_off_fails if {
	control.status == "FAIL" with input as res(0)
	control.reason == "ElastiCache replication group sessions has automatic backups off" with input as res(0)
}

test_short_retention_fails if {
	control.reason == "ElastiCache replication group sessions keeps automatic backups for 1 day(s), fewer than 7" with input as res(1)
}

test_json_number_is_read if control.status == "PASS" with input as res(35)

test_text_is_not_a_number if not control.status with input as res("7")

test_unknown_decides_nothing if not control.status with input as res(null)
