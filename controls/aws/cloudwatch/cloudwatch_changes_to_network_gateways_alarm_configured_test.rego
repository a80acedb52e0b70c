package parapet.aws.cloudwatch.cloudwatch_changes_to_network_gateways_alarm_configured_test

import rego.v1

import data.parapet.aws.cloudwatch.cloudwatch_changes_to_network_gateways_alarm_configured as control

trail(filters) := {
	"name": "org-trail", "arn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail",
	"home_region": "us-east-1", "multi_region": true, "logging": true, "management_events": true,
	"s3_data_events": {"read": false, "write": false},
	"log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*",
	"metric_filters": filters,
}

account(filters) := {"resource": {"name": "111122223333", "attributes": {"trails": [trail(filters)]}}}

filter(pattern, alarms) := {"name": "cis", "pattern": pattern, "alarms": alarms}

subscribed := [{"name": "cis-alarm", "subscribed_topics": 1}]

cis_pattern := "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"

test_cis_pattern_with_subscribed_alarm_passes if {
	control.status == "PASS" with input as account([filter(cis_pattern, subscribed)])
}

# Spacing, quoting and order differ from the benchmark's text.
test_compact_reordered_pattern_passes if {
	control.status == "PASS" with input as account([filter("{($.eventName=DetachInternetGateway)||($.eventName=DeleteInternetGateway)||($.eventName=CreateInternetGateway)||($.eventName=AttachInternetGateway)||($.eventName=DeleteCustomerGateway)||($.eventName=CreateCustomerGateway)}", subscribed)])
}

test_filter_among_others_passes if {
	other := filter("{ $.eventName = GetObject }", subscribed)
	control.status == "PASS" with input as account([other, filter(cis_pattern, subscribed)])
}

# Leaving out one of the required events is not enough.
test_filter_missing_an_event_fails if {
	inp := account([filter("{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) }", subscribed)])
	control.status == "FAIL" with input as inp
	contains(control.reason, "no metric filter") with input as inp
}

test_filter_without_alarm_fails if {
	inp := account([filter(cis_pattern, [])])
	control.status == "FAIL" with input as inp
	contains(control.reason, "no CloudWatch alarm") with input as inp
}

test_alarm_without_subscriber_fails if {
	inp := account([filter(cis_pattern, [{"name": "cis-alarm", "subscribed_topics": 0}])])
	control.status == "FAIL" with input as inp
	contains(control.reason, "confirmed subscriber") with input as inp
}

# A filter on a single-region trail's log group misses other regions.
test_single_region_trail_fails if {
	t := object.union(trail([filter(cis_pattern, subscribed)]), {"multi_region": false})
	inp := {"resource": {"name": "111122223333", "attributes": {"trails": [t]}}}
	control.status == "FAIL" with input as inp
	contains(control.reason, "no multi-region trail") with input as inp
}

test_no_trails_fails if {
	inp := {"resource": {"name": "111122223333", "attributes": {"trails": []}}}
	control.status == "FAIL" with input as inp
	contains(control.reason, "111122223333") with input as inp
}

test_reason_is_defined if {
	control.reason with input as account([filter(cis_pattern, subscribed)])
}
