package parapet.aws.ec2.ec2_instance_older_than_specific_days_test

import rego.v1

import data.parapet.aws.ec2.ec2_instance_older_than_specific_days as control

instance(state, launched) := {"now": "2026-06-30T00:00:00Z", "resource": {"name": "web", "attributes": {"State": {"Name": state}, "LaunchTime": launched}}}

test_recent_passes if {
	inp := instance("running", "2026-06-01T00:00:00Z")
	control.status == "PASS" with input as inp
	control.reason == "instance web was launched 29 days ago (limit 180)" with input as inp
}

test_old_fails if {
	inp := instance("running", "2025-06-01T00:00:00Z")
	control.status == "FAIL" with input as inp
	control.reason == "instance web was launched 394 days ago (limit 180)" with input as inp
}

test_exactly_180_days_fails if control.status == "FAIL" with input as instance("running", "2026-01-01T00:00:00Z")

test_stopped_is_skipped if control.status == "SKIPPED" with input as instance("stopped", "2020-01-01T00:00:00Z")
