package parapet.lib.cloudwatch_test

import rego.v1

import data.parapet.lib.cloudwatch as cw

terms := ["$.eventName = CreateTrail", "$.eventName = DeleteTrail"]

trail(filters) := {
	"name": "main", "multi_region": true, "logging": true, "management_events": true,
	"log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:ct:*",
	"metric_filters": filters,
}

filter(pattern, alarms) := {"name": "f", "pattern": pattern, "alarms": alarms}

subscribed := [{"name": "a", "subscribed_topics": 1}]

test_normalise_drops_spaces_and_quotes if {
	cw.normalise("{ ($.eventName = \"CreateTrail\") }") == "{($.eventName=CreateTrail)}"
}

test_conditions_split_on_operators if {
	cw.conditions("{ ($.a = 1) && (($.b = 2) || ($.c != 3)) }") == {"$.a=1", "$.b=2", "$.c!=3"}
}

test_covers_in_any_order_and_spacing if {
	cw.covers("{($.eventName=\"DeleteTrail\")||($.eventName = CreateTrail)}", terms)
}

test_covers_needs_every_term if {
	not cw.covers("{ $.eventName = CreateTrail }", terms)
}

test_covers_is_not_fooled_by_a_longer_name if {
	not cw.covers("{ ($.eventName = CreateTrailX) || ($.eventName = DeleteTrail) }", terms)
}

test_covers_is_not_fooled_by_a_negation if {
	not cw.covers("{ ($.eventName != CreateTrail) || ($.eventName = DeleteTrail) }", terms)
}

test_covers_rejects_a_missing_pattern if {
	not cw.covers(null, terms)
}

test_state_alarmed if {
	t := trail([filter("{($.eventName=CreateTrail)||($.eventName=DeleteTrail)}", subscribed)])
	cw.state([t], terms) == "alarmed"
}

test_state_alarmed_when_one_of_several_trails_qualifies if {
	other := object.union(trail([]), {"multi_region": false})
	t := trail([filter("{($.eventName=CreateTrail)||($.eventName=DeleteTrail)}", subscribed)])
	cw.state([other, t], terms) == "alarmed"
}

test_state_no_subscriber if {
	t := trail([filter("{($.eventName=CreateTrail)||($.eventName=DeleteTrail)}", [{"name": "a", "subscribed_topics": 0}])])
	cw.state([t], terms) == "no_subscriber"
}

test_state_no_alarm if {
	t := trail([filter("{($.eventName=CreateTrail)||($.eventName=DeleteTrail)}", [])])
	cw.state([t], terms) == "no_alarm"
}

test_state_no_alarm_when_alarms_null if {
	t := trail([filter("{($.eventName=CreateTrail)||($.eventName=DeleteTrail)}", null)])
	cw.state([t], terms) == "no_alarm"
}

test_state_no_filter if {
	t := trail([filter("{ $.eventName = CreateTrail }", subscribed)])
	cw.state([t], terms) == "no_filter"
}

test_state_no_filter_when_filters_null if {
	cw.state([trail(null)], terms) == "no_filter"
}

test_filter_on_single_region_trail_does_not_count if {
	t := object.union(trail([filter("{($.eventName=CreateTrail)||($.eventName=DeleteTrail)}", subscribed)]), {"multi_region": false})
	cw.state([t], terms) == "no_trail"
}

test_stopped_trail_does_not_count if {
	t := object.union(trail([]), {"logging": false})
	cw.state([t], terms) == "no_trail"
}

test_trail_without_management_events_does_not_count if {
	t := object.union(trail([]), {"management_events": false})
	cw.state([t], terms) == "no_trail"
}

test_trail_without_log_group_does_not_count if {
	t := object.union(trail([]), {"log_group_arn": null})
	cw.state([t], terms) == "no_trail"
}

test_state_no_trail_for_no_trails if {
	cw.state([], terms) == "no_trail"
	cw.state(null, terms) == "no_trail"
}

test_every_state_has_an_explanation if {
	every st in ["alarmed", "no_subscriber", "no_alarm", "no_filter", "no_trail"] {
		contains(cw.explain("111122223333", st, "trail changes"), "111122223333")
	}
}

test_covers_a_pattern_spread_over_lines if {
	cw.covers("{\n\t($.eventName = CreateTrail) ||\r\n\t($.eventName = DeleteTrail)\n}", terms)
}
