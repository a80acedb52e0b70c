package parapet.aws.cloudtrail.cloudtrail_cloudwatch_logging_enabled_test

import rego.v1

import data.parapet.aws.cloudtrail.cloudtrail_cloudwatch_logging_enabled as control

trail(group, last, err) := {"now": "2026-06-30T12:00:00Z", "resource": {"name": "main", "attributes": {
	"CloudWatchLogsLogGroupArn": group,
	"status": {"IsLogging": true, "LatestCloudWatchLogsDeliveryTime": last, "LatestCloudWatchLogsDeliveryError": err},
}}}

group := "arn:aws:logs:us-east-1:111122223333:log-group:trail:*"

test_recent_delivery_passes if {
	inp := trail(group, "2026-06-30T11:55:00Z", null)
	control.status == "PASS" with input as inp
	control.reason == "trail main delivered to CloudWatch Logs at 2026-06-30T11:55:00Z" with input as inp
}

test_no_log_group_fails if {
	control.status == "FAIL" with input as trail(null, null, null)
	control.reason == "trail main does not send events to CloudWatch Logs" with input as trail(null, null, null)
}

test_stale_delivery_fails if {
	inp := trail(group, "2026-06-20T00:00:00Z", "AccessDenied")
	control.status == "FAIL" with input as inp
	control.reason == "trail main is configured for CloudWatch Logs but has not delivered in the last day (last delivery 2026-06-20T00:00:00Z, error AccessDenied)" with input as inp
}

test_never_delivered_fails if control.status == "FAIL" with input as trail(group, null, null)
