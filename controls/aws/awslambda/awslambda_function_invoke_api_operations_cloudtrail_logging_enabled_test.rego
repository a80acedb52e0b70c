package parapet.aws.awslambda.awslambda_function_invoke_api_operations_cloudtrail_logging_enabled_test

import rego.v1

import data.parapet.aws.awslambda.awslambda_function_invoke_api_operations_cloudtrail_logging_enabled as control

account(trails) := {"resource": {"name": "111122223333", "attributes": {"trails": trails}}}

trail(name, logging, multi, lambda) := {"name": name, "logging": logging, "multi_region": multi, "lambda_data_events": lambda}

test_logging_multi_region_trail_with_lambda_events_passes if {
	inp := account([trail("main", true, true, true)])
	control.status == "PASS" with input as inp
	control.reason == "trail main records invocations of every Lambda function in every region" with input as inp
}

test_stopped_regional_or_without_selector_fails if {
	inp := account([trail("stopped", false, true, true), trail("regional", true, false, true), trail("mgmt", true, true, false)])
	control.status == "FAIL" with input as inp
	control.reason == "no logging multi-region trail records Lambda data events for all functions" with input as inp
}

test_no_trails_fails if control.status == "FAIL" with input as account([])

test_unreadable_selectors_decide_nothing if not control.status with input as account([trail("main", true, true, null)])

test_unreadable_selectors_do_not_hide_a_recording_trail if control.status == "PASS" with input as account([trail("main", true, true, null), trail("data", true, true, true)])
