package parapet.aws.cloudtrail.cloudtrail_multi_region_enabled_test

import rego.v1

import data.parapet.aws.cloudtrail.cloudtrail_multi_region_enabled as control

good := {
	"name": "org", "arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org", "home_region": "us-east-1",
	"multi_region": true, "logging": true, "management_events": true,
	"s3_data_events": {"read": false, "write": false}, "log_group_arn": null, "metric_filters": [],
}

account(trails) := {"resource": {"name": "111122223333", "attributes": {"trails": trails}}}

test_multi_region_logging_trail_passes if {
	control.status == "PASS" with input as account([good])
}

test_one_good_trail_among_others_passes if {
	regional := object.union(good, {"name": "regional", "multi_region": false})
	control.status == "PASS" with input as account([regional, good])
}

test_no_trails_fails if {
	inp := account([])
	control.status == "FAIL" with input as inp
	contains(control.reason, "no CloudTrail trail") with input as inp
}

test_single_region_trail_fails if {
	control.status == "FAIL" with input as account([object.union(good, {"multi_region": false})])
}

test_stopped_trail_fails if {
	control.status == "FAIL" with input as account([object.union(good, {"logging": false})])
}

# A trail with management events excluded, or only read or only write, is not enough.
test_trail_without_all_management_events_fails if {
	control.status == "FAIL" with input as account([object.union(good, {"management_events": false})])
}

test_reason_is_defined if {
	r := control.reason with input as account([good])
	contains(r, "org")
	control.reason with input as account([object.union(good, {"logging": false})])
}

# A member account is covered by its organization's trail, which another account owns
# and which the member sees as a shadow trail.
test_organization_trail_of_another_account_passes if {
	org := object.union(good, {
		"arn": "arn:aws:cloudtrail:eu-west-1:999988887777:trail/org",
		"home_region": "eu-west-1", "owner_account": "999988887777", "organization_trail": true,
	})
	control.status == "PASS" with input as account([org])
}

# An unread status is null, never true; the collector puts the failed call in
# `errors.trails`, which the engine turns into ERROR before this rule runs.
test_unknown_logging_does_not_pass if {
	control.status != "PASS" with input as account([object.union(good, {"logging": null})])
}
