# METADATA
# title: RDS sends notifications of database security group events
# description: |
#   Checks that the region has an enabled RDS event subscription for DB security group
#   events, covering the configuration change and failure categories (or every
#   category), for all sources of that type or none named. A subscription with no source
#   type covers every source and counts too.
# custom:
#   id: rds_instance_event_subscription_security_groups
#   severity: low
#   service: rds
#   resource_type: Parapet::RDS::RegionSettings
#   requires: [event_subscriptions]
#   risk: Changes to who may reach the databases happen without anyone being told.
#   remediation:
#     text: Create an RDS event subscription for the db-security-group source type with the configuration change and failure categories, delivering to a monitored SNS topic.
#     cli: aws rds create-event-subscription --subscription-name db-sg-changes --sns-topic-arn TOPIC_ARN --source-type db-security-group --event-categories "configuration change" failure
#     terraform: |
#       resource "aws_db_event_subscription" "sg" {
#         name             = "db-sg-changes"
#         sns_topic        = aws_sns_topic.security.arn
#         source_type      = "db-security-group"
#         event_categories = ["configuration change", "failure"]
#       }
package parapet.aws.rds.rds_instance_event_subscription_security_groups

import rego.v1

import data.parapet.lib.util

subs := input.resource.attributes.event_subscriptions

wanted := {"configuration change", "failure"}

covers(s) if {
	s.Enabled == true
	s.SourceType in {"db-security-group", null}
	count(util.as_list(s.SourceIdsList)) == 0
	categories := {c | some c in util.as_list(s.EventCategoriesList)}
	count(categories) == 0
}

covers(s) if {
	s.Enabled == true
	s.SourceType in {"db-security-group", null}
	count(util.as_list(s.SourceIdsList)) == 0
	categories := {c | some c in util.as_list(s.EventCategoriesList)}
	count(wanted - categories) == 0
}

good := [s.CustSubscriptionId | some s in util.as_list(subs); covers(s)]

status := "PASS" if count(good) > 0

status := "FAIL" if {
	is_array(subs)
	count(good) == 0
}

reason := sprintf("RDS event subscription %s reports DB security group changes and failures in %s", [good[0], input.resource.region]) if status == "PASS"

reason := sprintf("no enabled RDS event subscription reports DB security group changes and failures in %s", [input.resource.region]) if status == "FAIL"
