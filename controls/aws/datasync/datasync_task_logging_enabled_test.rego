package parapet.aws.datasync.datasync_task_logging_enabled_test

import rego.v1

import data.parapet.aws.datasync.datasync_task_logging_enabled as control

task(attrs) := {"resource": {"name": "nightly", "attributes": attrs}}

test_log_group_passes if control.status == "PASS" with input as task({"CloudWatchLogGroupArn": "arn:aws:logs:us-east-1:111122223333:log-group:datasync"})

test_no_group_fails if {
	control.status == "FAIL" with input as task({})
	control.reason == "task nightly writes no CloudWatch logs" with input as task({"CloudWatchLogGroupArn": null})
}
