package parapet.aws.kinesis.kinesis_stream_data_retention_period_test

import rego.v1

import data.parapet.aws.kinesis.kinesis_stream_data_retention_period as control

stream(hours) := {"resource": {"name": "clicks", "attributes": {"RetentionPeriodHours": hours}}}

test_week_passes if {
	control.status == "PASS" with input as stream(168)
	control.reason == "stream clicks keeps records for 168 hours" with input as stream(168)
}

test_default_day_fails if {
	control.status == "FAIL" with input as stream(24)
	control.reason == "stream clicks keeps records for 24 hours, less than 168" with input as stream(24)
}

test_unread_decides_nothing if not control.status with input as {"resource": {"name": "x", "attributes": {}}}
