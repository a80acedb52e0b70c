package parapet.aws.cloudwatch.cloudwatch_log_metric_filter_sign_in_without_mfa_test

import rego.v1

import data.parapet.aws.cloudwatch.cloudwatch_log_metric_filter_sign_in_without_mfa as control

trail(filters) := {
	"name": "org-trail", "arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail",
	"home_region": "us-east-1", "multi_region": true, "logging": true, "management_events": true,
	"s3_data_events": {"read": false, "write": false},
	"log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*",
	"metric_filters": filters,
}

account(filters) := {"resource": {"name": "111122223333", "attributes": {"trails": [trail(filters)]}}}

# A metric filter as the collector reports it: `monitors` lists the CIS event classes its
# pattern matches (pattern evaluation itself is tested in Rust, collect::cloudwatch).
filter(monitors, alarms) := {"name": "cis", "pattern": cis_pattern, "monitors": monitors, "alarms": alarms}

subscribed := [{"name": "cis-alarm", "actions_enabled": true, "subscribed_topics": 1}]

cis_pattern := "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"

test_matching_filter_with_subscribed_alarm_passes if {
	control.status == "PASS" with input as account([filter(["sign_in_without_mfa"], subscribed)])
}

test_filter_among_others_passes if {
	other := filter(["vpc_changes"], subscribed)
	control.status == "PASS" with input as account([other, filter(["vpc_changes", "sign_in_without_mfa"], subscribed)])
}

# A filter that misses one of the required events, or matches other events too.
test_filter_for_other_events_fails if {
	inp := account([filter(["vpc_changes"], subscribed)])
	control.status == "FAIL" with input as inp
	contains(control.reason, "no metric filter") with input as inp
}

# A pattern the collector could not evaluate covers nothing.
test_unreadable_pattern_fails if {
	f := {"name": "cis", "pattern": "ConsoleLogin", "pattern_error": "not a JSON filter pattern", "monitors": [], "alarms": subscribed}
	control.status == "FAIL" with input as account([f])
}

test_filter_without_alarm_fails if {
	inp := account([filter(["sign_in_without_mfa"], [])])
	control.status == "FAIL" with input as inp
	contains(control.reason, "no CloudWatch alarm") with input as inp
}

test_alarm_without_subscriber_fails if {
	inp := account([filter(["sign_in_without_mfa"], [{"name": "cis-alarm", "actions_enabled": true, "subscribed_topics": 0}])])
	control.status == "FAIL" with input as inp
	contains(control.reason, "confirmed subscriber") with input as inp
}

# An alarm whose actions are disabled changes state but notifies no one.
test_alarm_with_actions_disabled_fails if {
	inp := account([filter(["sign_in_without_mfa"], [{"name": "cis-alarm", "actions_enabled": false, "subscribed_topics": 1}])])
	control.status == "FAIL" with input as inp
	contains(control.reason, "actions are disabled") with input as inp
}

# A filter on a single-region trail's log group misses other regions.
test_single_region_trail_fails if {
	t := object.union(trail([filter(["sign_in_without_mfa"], subscribed)]), {"multi_region": false})
	inp := {"resource": {"name": "111122223333", "attributes": {"trails": [t]}}}
	control.status == "FAIL" with input as inp
	contains(control.reason, "no multi-region trail") with input as inp
}

test_no_trails_fails if {
	inp := {"resource": {"name": "111122223333", "attributes": {"trails": []}}}
	control.status == "FAIL" with input as inp
	contains(control.reason, "111122223333") with input as inp
}

test_reason_names_the_subject if {
	contains(control.reason, "console sign-ins without MFA") with input as account([filter(["sign_in_without_mfa"], subscribed)])
}
