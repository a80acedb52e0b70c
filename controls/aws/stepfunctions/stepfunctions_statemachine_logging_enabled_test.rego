package parapet.aws.stepfunctions.stepfunctions_statemachine_logging_enabled_test

import rego.v1

import data.parapet.aws.stepfunctions.stepfunctions_statemachine_logging_enabled as control

sm(config) := {"resource": {"name": "orders", "attributes": {"loggingConfiguration": config}}}

test_error_level_passes if {
	inp := sm({"level": "ERROR", "includeExecutionData": false, "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": "arn"}}]})
	control.status == "PASS" with input as inp
	control.reason == "state machine orders logs executions at level ERROR" with input as inp
}

test_off_fails if {
	control.status == "FAIL" with input as sm({"level": "OFF"})
	control.reason == "state machine orders does not log executions" with input as sm({"level": "OFF"})
}
