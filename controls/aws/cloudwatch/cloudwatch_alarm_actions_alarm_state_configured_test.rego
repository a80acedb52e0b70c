package parapet.aws.cloudwatch.cloudwatch_alarm_actions_alarm_state_configured_test

import rego.v1

import data.parapet.aws.cloudwatch.cloudwatch_alarm_actions_alarm_state_configured as control

alarm(enabled, actions) := {"resource": {"name": "root-usage", "attributes": {"ActionsEnabled": enabled, "AlarmActions": actions}}}

test_action_passes if {
	inp := alarm(true, ["arn:aws:sns:us-east-1:111122223333:security"])
	control.status == "PASS" with input as inp
	control.reason == "alarm root-usage notifies 1 targets in the ALARM state" with input as inp
}

test_no_action_fails if {
	control.status == "FAIL" with input as alarm(true, [])
	control.reason == "alarm root-usage has no action for the ALARM state" with input as alarm(true, [])
}

test_disabled_actions_fail if {
	control.status == "FAIL" with input as alarm(false, ["arn:aws:sns:us-east-1:111122223333:security"])
	control.reason == "alarm root-usage has its actions disabled" with input as alarm(false, ["arn:aws:sns:us-east-1:111122223333:security"])
}
