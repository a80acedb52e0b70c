package parapet.aws.cloudwatch.cloudwatch_log_group_retention_policy_specific_days_enabled_test

import rego.v1

import data.parapet.aws.cloudwatch.cloudwatch_log_group_retention_policy_specific_days_enabled as control

group(days) := {"resource": {"name": "/app/api", "attributes": {"retentionInDays": days}}}

test_year_passes if control.status == "PASS" with input as group(365)

test_forever_passes if {
	control.status == "PASS" with input as group(null)
	control.reason == "log group /app/api keeps events forever" with input as group(null)
}

test_month_fails if {
	control.status == "FAIL" with input as group(30)
	control.reason == "log group /app/api keeps events for 30 days" with input as group(30)
}

test_absent_attribute_decides_nothing if not control.status with input as {"resource": {"name": "g", "attributes": {}}}
