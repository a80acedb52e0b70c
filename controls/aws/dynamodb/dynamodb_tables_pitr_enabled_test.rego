package parapet.aws.dynamodb.dynamodb_tables_pitr_enabled_test

import rego.v1

import data.parapet.aws.dynamodb.dynamodb_tables_pitr_enabled as control

table(p) := {"resource": {"name": "orders", "attributes": {"point_in_time_recovery": p}}}

test_enabled_passes if control.status == "PASS" with input as table("ENABLED")

test_disabled_fails if {
	control.status == "FAIL" with input as table("DISABLED")
	control.reason == "table orders has point-in-time recovery disabled" with input as table("DISABLED")
}

test_unknown_decides_nothing if not control.status with input as table(null)
