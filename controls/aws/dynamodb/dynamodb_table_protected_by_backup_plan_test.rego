package parapet.aws.dynamodb.dynamodb_table_protected_by_backup_plan_test

import rego.v1

import data.parapet.aws.dynamodb.dynamodb_table_protected_by_backup_plan as control

res(attrs) := {"resource": {"name": "data", "attributes": attrs}}

test_selected_passes if {
	control.status == "PASS" with input as res({"backup_plans": ["daily", "weekly"]})
	control.reason == "DynamoDB table data is protected by backup plan(s) daily, weekly" with input as res({"backup_plans": ["daily", "weekly"]})
}

test_not_selected_fails if {
	control.status == "FAIL" with input as res({"backup_plans": []})
	control.reason == "DynamoDB table data is not selected by any AWS Backup plan" with input as res({"backup_plans": []})
}

test_unreadable_decides_nothing if not control.status with input as res({"backup_plans": null})
