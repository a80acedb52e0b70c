package parapet.aws.documentdb.documentdb_cluster_backup_enabled_test

import rego.v1

import data.parapet.aws.documentdb.documentdb_cluster_backup_enabled as control

res(attrs) := {"resource": {"name": "graph", "attributes": attrs}}

test_seven_days_pass if {
	control.status == "PASS" with input as res({"BackupRetentionPeriod": 7})
	control.reason == "DocumentDB cluster graph keeps automated backups for 7 day(s)" with input as res({"BackupRetentionPeriod": 7})
}

test_one_day_fails if {
	control.status == "FAIL" with input as res({"BackupRetentionPeriod": 1})
	control.reason == "DocumentDB cluster graph keeps automated backups for 1 day(s), fewer than 7" with input as res({"BackupRetentionPeriod": 1})
}

test_six_days_fail if control.status == "FAIL" with input as res({"BackupRetentionPeriod": 6})

test_maximum_passes if control.status == "PASS" with input as res({"BackupRetentionPeriod": 35})

test_unknown_decides_nothing if not control.status with input as res({})
