# Shared logic of the CIS section 4 monitoring controls: a CloudTrail trail that sees
# every region's management events feeds a CloudWatch Logs group, a metric filter on that
# group matches the events of interest, and an alarm on the filter's metric notifies
# someone through SNS. Controls pass the trail summaries of
# Parapet::CloudTrail::AccountSettings and the CIS event class they monitor.
package parapet.lib.cloudwatch

import rego.v1

import data.parapet.lib.util

# A trail whose logs can back an account-wide alarm: all regions, logging, management
# events, and delivering to a log group (metric filters live on the group).
qualifying(trail) if {
	trail.multi_region == true
	trail.logging == true
	trail.management_events == true
	is_string(trail.log_group_arn)
	trail.log_group_arn != ""
}

qualifying_trails(trails) := [t | some t in util.as_list(trails); qualifying(t)]

# Whether a metric filter counts the events of a CIS monitoring class (e.g.
# "unauthorized_api_calls"). The collector decides it by evaluating the filter's pattern on
# sample CloudTrail events (shared/src/collect/cloudwatch/cis_monitoring_events.json), and
# lists the classes covered in `monitors`; a pattern it could not evaluate covers none.
covers(filter, class) if class in util.as_list(object.get(filter, "monitors", null))

filters_of(trail) := util.as_list(object.get(trail, "metric_filters", null))

alarms_of(filter) := util.as_list(object.get(filter, "alarms", null))

# Metric filters on qualifying trails' log groups that cover the class.
matching_filters(trails, class) := [f |
	some t in qualifying_trails(trails)
	some f in filters_of(t)
	covers(f, class)
]

# An alarm reaches a person only when its actions are enabled and one of its SNS topics
# has a confirmed subscriber (the collector already counts no topic for a disabled alarm).
notifies(alarm) if {
	object.get(alarm, "actions_enabled", true) != false
	object.get(alarm, "subscribed_topics", 0) > 0
}

alarmed(trails, class) if {
	some f in matching_filters(trails, class)
	some a in alarms_of(f)
	notifies(a)
}

# Some alarm on a covering filter could notify, were its topics subscribed.
has_enabled_alarm(trails, class) if {
	some f in matching_filters(trails, class)
	some a in alarms_of(f)
	object.get(a, "actions_enabled", true) != false
}

has_alarm(trails, class) if {
	some f in matching_filters(trails, class)
	count(alarms_of(f)) > 0
}

has_filter(trails, class) if count(matching_filters(trails, class)) > 0

has_trail(trails) if count(qualifying_trails(trails)) > 0

# How far an account gets towards the requirement; "alarmed" is the only passing state.
# (Written as exclusive bodies rather than an else chain: the compiled evaluator leaves
# else chains undefined, which would send these controls to the slower interpreter.)
state(trails, class) := "alarmed" if alarmed(trails, class)

state(trails, class) := "no_subscriber" if {
	not alarmed(trails, class)
	has_enabled_alarm(trails, class)
}

state(trails, class) := "actions_disabled" if {
	has_alarm(trails, class)
	not has_enabled_alarm(trails, class)
}

state(trails, class) := "no_alarm" if {
	not has_alarm(trails, class)
	has_filter(trails, class)
}

state(trails, class) := "no_filter" if {
	not has_filter(trails, class)
	has_trail(trails)
}

state(trails, class) := "no_trail" if not has_trail(trails)

# One sentence for any state; `subject` names what is monitored, e.g. "root account usage".
# (One table rather than one function body per state: the compiled evaluator handles a
# single body, so these controls stay on the fast path.)
explanations := {
	"alarmed": "account %s has a metric filter and alarm with a subscribed SNS topic for %s",
	"no_subscriber": "account %s has a metric filter for %s, but none of its alarms notifies an SNS topic with a confirmed subscriber",
	"actions_disabled": "account %s has a metric filter and alarm for %s, but the alarm's actions are disabled (ActionsEnabled false), so it notifies no one",
	"no_alarm": "account %s has a metric filter for %s, but no CloudWatch alarm on its metric",
	"no_filter": "account %s has no metric filter whose pattern matches every CIS sample event for %s (and no unrelated one) on the log group of a multi-region, logging trail",
	"no_trail": "account %s has no multi-region trail that is logging management events to CloudWatch Logs, so %s cannot be alarmed on",
}

explain(name, st, subject) := sprintf(explanations[st], [name, subject])
