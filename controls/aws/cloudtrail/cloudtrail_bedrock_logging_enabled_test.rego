package parapet.aws.cloudtrail.cloudtrail_bedrock_logging_enabled_test

import rego.v1

import data.parapet.aws.cloudtrail.cloudtrail_bedrock_logging_enabled as control

account(trails) := {"resource": {"name": "111122223333", "attributes": {"trails": trails}}}

test_recording_passes if {
	inp := account([{"name": "main", "logging": true, "bedrock_data_events": true}])
	control.status == "PASS" with input as inp
	control.reason == "account 111122223333 records Bedrock data events with trail main" with input as inp
}

test_not_recording_fails if control.status == "FAIL" with input as account([{"name": "main", "logging": true, "bedrock_data_events": false}])

test_stopped_trail_fails if control.status == "FAIL" with input as account([{"name": "main", "logging": false, "bedrock_data_events": true}])

test_no_trails_fail if control.status == "FAIL" with input as account([])

test_unreadable_selectors_decide_nothing if not control.status with input as account([{"name": "main", "logging": true, "bedrock_data_events": null}])
