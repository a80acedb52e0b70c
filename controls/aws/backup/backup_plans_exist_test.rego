package parapet.aws.backup.backup_plans_exist_test

import rego.v1

import data.parapet.aws.backup.backup_plans_exist as control

res(plans) := {"resource": {"name": "111122223333", "region": "eu-west-1", "attributes": {"plans": plans}}}

test_a_plan_passes if {
	inp := res([{"BackupPlanName": "weekly", "BackupPlanId": "b"}, {"BackupPlanName": "daily", "BackupPlanId": "a"}])
	control.status == "PASS" with input as inp
	control.reason == "region eu-west-1 has 2 backup plan(s): daily, weekly" with input as inp
}

test_none_fails if {
	control.status == "FAIL" with input as res([])
	control.reason == "region eu-west-1 has no AWS Backup plan" with input as res([])
}

test_unreadable_decides_nothing if not control.status with input as res(null)
