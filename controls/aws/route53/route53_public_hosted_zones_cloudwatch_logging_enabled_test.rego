package parapet.aws.route53.route53_public_hosted_zones_cloudwatch_logging_enabled_test

import rego.v1

import data.parapet.aws.route53.route53_public_hosted_zones_cloudwatch_logging_enabled as control

group := "arn:aws:logs:us-east-1:1:log-group:/aws/route53/example.com"

zone(private, configs) := {"resource": {"name": "example.com.", "attributes": {"Config": {"PrivateZone": private}, "query_logging_configs": configs}}}

test_logged_public_zone_passes if {
	inp := zone(false, [{"Id": "q1", "CloudWatchLogsLogGroupArn": group}])
	control.status == "PASS" with input as inp
	control.reason == "public hosted zone example.com. logs DNS queries to arn:aws:logs:us-east-1:1:log-group:/aws/route53/example.com" with input as inp
}

test_unlogged_public_zone_fails if {
	control.status == "FAIL" with input as zone(false, [])
	control.reason == "public hosted zone example.com. does not log DNS queries" with input as zone(false, [])
}

test_private_zone_is_skipped if control.status == "SKIPPED" with input as zone(true, [])

test_unread_logging_decides_nothing if not control.status with input as zone(false, null)
