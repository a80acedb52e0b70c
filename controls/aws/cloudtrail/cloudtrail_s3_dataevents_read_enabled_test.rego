package parapet.aws.cloudtrail.cloudtrail_s3_dataevents_read_enabled_test

import rego.v1

import data.parapet.aws.cloudtrail.cloudtrail_s3_dataevents_read_enabled as control

trail(s3) := {
	"name": "org", "arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org", "home_region": "us-east-1",
	"multi_region": true, "logging": true, "management_events": true,
	"s3_data_events": s3, "log_group_arn": null, "metric_filters": [],
}

account(trails) := {"resource": {"name": "111122223333", "attributes": {"trails": trails}}}

test_read_events_pass if {
	control.status == "PASS" with input as account([trail({"read": true, "write": false})])
}

test_both_kinds_pass if {
	control.status == "PASS" with input as account([trail({"read": true, "write": true})])
}

test_only_write_events_fail if {
	control.status == "FAIL" with input as account([trail({"read": false, "write": true})])
}

test_no_data_events_fail if {
	inp := account([trail({"read": false, "write": false})])
	control.status == "FAIL" with input as inp
	contains(control.reason, "no trail") with input as inp
}

test_no_trails_fail if {
	control.status == "FAIL" with input as account([])
}

test_missing_s3_data_events_fail if {
	control.status == "FAIL" with input as account([trail(null)])
}

test_single_region_trail_fails if {
	t := object.union(trail({"read": true, "write": false}), {"multi_region": false})
	inp := account([t])
	control.status == "FAIL" with input as inp
	contains(control.reason, "single-region or not logging") with input as inp
}

test_stopped_trail_fails if {
	t := object.union(trail({"read": true, "write": false}), {"logging": false})
	control.status == "FAIL" with input as account([t])
}

test_reason_is_defined if {
	r := control.reason with input as account([trail({"read": true, "write": false})])
	contains(r, "org")
	control.reason with input as account([])
}
