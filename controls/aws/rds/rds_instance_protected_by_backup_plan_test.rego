package parapet.aws.rds.rds_instance_protected_by_backup_plan_test

import rego.v1

import data.parapet.aws.rds.rds_instance_protected_by_backup_plan as control

res(attrs) := {"resource": {"name": "data", "attributes": attrs}}

test_selected_passes if {
	control.status == "PASS" with input as res({"backup_plans": ["daily", "weekly"]})
	control.reason == "RDS DB instance data is protected by backup plan(s) daily, weekly" with input as res({"backup_plans": ["daily", "weekly"]})
}

test_not_selected_fails if {
	control.status == "FAIL" with input as res({"backup_plans": []})
	control.reason == "RDS DB instance data is not selected by any AWS Backup plan" with input as res({"backup_plans": []})
}

test_unreadable_decides_nothing if not control.status with input as res({"backup_plans": null})

test_cluster_member_is_skipped if {
	control.status == "SKIPPED" with input as res({"backup_plans": [], "DBClusterIdentifier": "aurora-1"})
	control.reason == "RDS DB instance data belongs to DB cluster aurora-1, whose backups cover it" with input as res({"backup_plans": [], "DBClusterIdentifier": "aurora-1"})
}

test_standalone_instance_with_null_cluster_is_judged if control.status == "FAIL" with input as res({"backup_plans": [], "DBClusterIdentifier": null})
