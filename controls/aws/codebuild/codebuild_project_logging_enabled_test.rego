package parapet.aws.codebuild.codebuild_project_logging_enabled_test

import rego.v1

import data.parapet.aws.codebuild.codebuild_project_logging_enabled as control

project(logs) := {"resource": {"name": "build", "attributes": {"logsConfig": logs}}}

test_cloudwatch_logs_pass if {
	inp := project({"cloudWatchLogs": {"status": "ENABLED"}, "s3Logs": {"status": "DISABLED"}})
	control.status == "PASS" with input as inp
	control.reason == "build project build writes logs to cloudWatchLogs" with input as inp
}

test_s3_only_passes if control.status == "PASS" with input as project({"cloudWatchLogs": {"status": "DISABLED"}, "s3Logs": {"status": "ENABLED", "location": "logs/build"}})

test_both_disabled_fails if {
	inp := project({"cloudWatchLogs": {"status": "DISABLED"}, "s3Logs": {"status": "DISABLED"}})
	control.status == "FAIL" with input as inp
	control.reason == "build project build writes no build logs" with input as inp
}
