package parapet.lib.cloudwatch_test

import rego.v1

import data.parapet.lib.cloudwatch as cw

class := "cloudtrail_changes"

trail(filters) := {
	"name": "main", "multi_region": true, "logging": true, "management_events": true,
	"log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:ct:*",
	"metric_filters": filters,
}

# A filter as the collector reports it: the classes its pattern covers.
filter(monitors, alarms) := {"name": "f", "pattern": "{ ... }", "monitors": monitors, "alarms": alarms}

subscribed := [{"name": "a", "actions_enabled": true, "subscribed_topics": 1}]

test_covers_a_listed_class if {
	cw.covers(filter(["kms_key_disable_or_deletion", class], []), class)
}

test_covers_nothing_else if {
	not cw.covers(filter(["kms_key_disable_or_deletion"], []), class)
	not cw.covers(filter([], []), class)
	not cw.covers({"name": "f", "pattern": "ERROR", "pattern_error": "not JSON", "monitors": []}, class)
}

# A filter recorded before classes were computed carries no verdict.
test_covers_nothing_without_monitors if {
	not cw.covers({"name": "f", "pattern": "{ ($.eventName = CreateTrail) }", "alarms": []}, class)
}

test_state_alarmed if {
	t := trail([filter([class], subscribed)])
	cw.state([t], class) == "alarmed"
}

test_state_alarmed_when_one_of_several_trails_qualifies if {
	other := object.union(trail([]), {"multi_region": false})
	t := trail([filter([class], subscribed)])
	cw.state([other, t], class) == "alarmed"
}

test_state_no_subscriber if {
	t := trail([filter([class], [{"name": "a", "subscribed_topics": 0}])])
	cw.state([t], class) == "no_subscriber"
}

test_state_no_alarm if {
	t := trail([filter([class], [])])
	cw.state([t], class) == "no_alarm"
}

test_state_no_alarm_when_alarms_null if {
	t := trail([filter([class], null)])
	cw.state([t], class) == "no_alarm"
}

test_state_no_filter if {
	t := trail([filter(["vpc_changes"], subscribed)])
	cw.state([t], class) == "no_filter"
}

test_state_no_filter_when_filters_null if {
	cw.state([trail(null)], class) == "no_filter"
}

test_filter_on_single_region_trail_does_not_count if {
	t := object.union(trail([filter([class], subscribed)]), {"multi_region": false})
	cw.state([t], class) == "no_trail"
}

test_stopped_trail_does_not_count if {
	t := object.union(trail([]), {"logging": false})
	cw.state([t], class) == "no_trail"
}

test_trail_without_management_events_does_not_count if {
	t := object.union(trail([]), {"management_events": false})
	cw.state([t], class) == "no_trail"
}

test_trail_without_log_group_does_not_count if {
	t := object.union(trail([]), {"log_group_arn": null})
	cw.state([t], class) == "no_trail"
}

test_state_no_trail_for_no_trails if {
	cw.state([], class) == "no_trail"
	cw.state(null, class) == "no_trail"
}

test_every_state_has_an_explanation if {
	every st in ["alarmed", "no_subscriber", "actions_disabled", "no_alarm", "no_filter", "no_trail"] {
		contains(cw.explain("111122223333", st, "trail changes"), "111122223333")
	}
}

test_state_actions_disabled if {
	t := trail([filter([class], [{"name": "a", "actions_enabled": false, "subscribed_topics": 1}])])
	cw.state([t], class) == "actions_disabled"
}

# One enabled alarm without a subscriber and one disabled: the enabled one is the lead.
test_state_no_subscriber_beside_a_disabled_alarm if {
	alarms := [{"name": "a", "actions_enabled": false, "subscribed_topics": 0}, {"name": "b", "actions_enabled": true, "subscribed_topics": 0}]
	cw.state([trail([filter([class], alarms)])], class) == "no_subscriber"
}
