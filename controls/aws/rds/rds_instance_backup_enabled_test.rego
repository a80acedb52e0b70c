package parapet.aws.rds.rds_instance_backup_enabled_test

import rego.v1

import data.parapet.aws.rds.rds_instance_backup_enabled as control

db(attrs) := {"resource": {"name": "db1", "attributes": object.union({"Engine": "postgres", "DBClusterIdentifier": null}, attrs)}}

test_good_passes if {
	control.status == "PASS" with input as db({"BackupRetentionPeriod": 7})
	control.reason == "DB instance db1 keeps automated backups" with input as db({"BackupRetentionPeriod": 7})
}

test_bad_fails if {
	control.status == "FAIL" with input as db({"BackupRetentionPeriod": 0})
	control.reason == "DB instance db1 has automated backups off (retention 0 days)" with input as db({"BackupRetentionPeriod": 0})
}

test_cluster_member_is_skipped if {
	inp := db(object.union({"BackupRetentionPeriod": 0}, {"Engine": "aurora-mysql", "DBClusterIdentifier": "prod"}))
	control.status == "SKIPPED" with input as inp
	control.reason == "DB instance db1 is out of scope: it belongs to DB cluster prod, which holds this setting" with input as inp
}
