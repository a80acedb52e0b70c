package parapet.aws.rds.rds_instance_event_subscription_security_groups_test

import rego.v1

import data.parapet.aws.rds.rds_instance_event_subscription_security_groups as control

region(subs) := {"resource": {"name": "111122223333", "region": "eu-west-1", "attributes": {"event_subscriptions": subs}}}

sub(id, source_type, categories, enabled) := {
	"CustSubscriptionId": id, "SourceType": source_type, "SourceIdsList": [],
	"EventCategoriesList": categories, "Enabled": enabled,
}

test_matching_subscription_passes if {
	inp := region([sub("db-sg", "db-security-group", ["configuration change", "failure"], true)])
	control.status == "PASS" with input as inp
	control.reason == "RDS event subscription db-sg reports DB security group changes and failures in eu-west-1" with input as inp
}

test_all_categories_passes if control.status == "PASS" with input as region([sub("all", "db-security-group", [], true)])

test_all_sources_passes if control.status == "PASS" with input as region([sub("everything", null, [], true)])

test_instance_events_only_fail if control.status == "FAIL" with input as region([sub("db", "db-instance", [], true)])

test_missing_category_fails if control.status == "FAIL" with input as region([sub("db-sg", "db-security-group", ["failure"], true)])

test_disabled_fails if control.status == "FAIL" with input as region([sub("db-sg", "db-security-group", [], false)])

test_named_sources_only_fail if {
	s := object.union(sub("db-sg", "db-security-group", [], true), {"SourceIdsList": ["legacy-sg"]})
	control.status == "FAIL" with input as region([s])
}

test_none_fails if {
	control.status == "FAIL" with input as region([])
	control.reason == "no enabled RDS event subscription reports DB security group changes and failures in eu-west-1" with input as region([])
}
