# Shared logic of the CIS section 4 monitoring controls: a CloudTrail trail that sees
# every region's management events feeds a CloudWatch Logs group, a metric filter on that
# group matches the events of interest, and an alarm on the filter's metric notifies
# someone through SNS. Controls pass the trail summaries of
# Parapet::CloudTrail::AccountSettings and the filter conditions they need.
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

# Filter patterns differ in spacing and quoting only: `{ ($.eventName = "X") }` and
# `{($.eventName=X)}` select the same events.
# (The engine's regex has no Unicode classes, hence the explicit whitespace list.)
normalise(pattern) := regex.replace(pattern, "[ \t\r\n\"]", "")

# The single comparisons of a pattern, e.g. {"$.eventName=CreateTrail", ...}: split at
# braces, parentheses and the && / || operators, so order and grouping do not matter.
conditions(pattern) := {c |
	some c in regex.split(`[(){}&|]+`, normalise(pattern))
	c != ""
}

# True when every required comparison (written as in CIS, any spacing) is in the pattern.
covers(pattern, terms) if {
	is_string(pattern)
	have := conditions(pattern)
	every term in terms {
		normalise(term) in have
	}
}

filters_of(trail) := util.as_list(object.get(trail, "metric_filters", null))

alarms_of(filter) := util.as_list(object.get(filter, "alarms", null))

# Metric filters on qualifying trails' log groups whose pattern covers the terms.
matching_filters(trails, terms) := [f |
	some t in qualifying_trails(trails)
	some f in filters_of(t)
	covers(f.pattern, terms)
]

# An alarm reaches a person only when one of its SNS topics has a confirmed subscriber.
notifies(alarm) if object.get(alarm, "subscribed_topics", 0) > 0

alarmed(trails, terms) if {
	some f in matching_filters(trails, terms)
	some a in alarms_of(f)
	notifies(a)
}

has_alarm(trails, terms) if {
	some f in matching_filters(trails, terms)
	count(alarms_of(f)) > 0
}

has_filter(trails, terms) if count(matching_filters(trails, terms)) > 0

has_trail(trails) if count(qualifying_trails(trails)) > 0

# How far an account gets towards the requirement; "alarmed" is the only passing state.
# (Written as exclusive bodies rather than an else chain: the compiled evaluator leaves
# else chains undefined, which would send these controls to the slower interpreter.)
state(trails, terms) := "alarmed" if alarmed(trails, terms)

state(trails, terms) := "no_subscriber" if {
	not alarmed(trails, terms)
	has_alarm(trails, terms)
}

state(trails, terms) := "no_alarm" if {
	not has_alarm(trails, terms)
	has_filter(trails, terms)
}

state(trails, terms) := "no_filter" if {
	not has_filter(trails, terms)
	has_trail(trails)
}

state(trails, terms) := "no_trail" if not has_trail(trails)

# One sentence for any state; `subject` names what is monitored, e.g. "root account usage".
# (One table rather than one function body per state: the compiled evaluator handles a
# single body, so these controls stay on the fast path.)
explanations := {
	"alarmed": "account %s has a metric filter and alarm with a subscribed SNS topic for %s",
	"no_subscriber": "account %s has a metric filter for %s, but none of its alarms notifies an SNS topic with a confirmed subscriber",
	"no_alarm": "account %s has a metric filter for %s, but no CloudWatch alarm on its metric",
	"no_filter": "account %s has no metric filter for %s on the log group of a multi-region, logging trail",
	"no_trail": "account %s has no multi-region trail that is logging management events to CloudWatch Logs, so %s cannot be alarmed on",
}

explain(name, st, subject) := sprintf(explanations[st], [name, subject])
