package parapet.aws.appsync.appsync_field_level_logging_enabled_test

import rego.v1

import data.parapet.aws.appsync.appsync_field_level_logging_enabled as control

api(attrs) := {"resource": {"name": "catalog", "attributes": attrs}}

test_error_level_passes if {
	inp := api({"logConfig": {"fieldLogLevel": "ERROR", "cloudWatchLogsRoleArn": "arn:aws:iam::111122223333:role/logs"}})
	control.status == "PASS" with input as inp
	control.reason == "GraphQL API catalog logs fields at level ERROR" with input as inp
}

test_none_or_no_log_config_fails if {
	control.status == "FAIL" with input as api({"logConfig": {"fieldLogLevel": "NONE"}})
	control.status == "FAIL" with input as api({})
	control.reason == "GraphQL API catalog has field-level logging off" with input as api({})
}
