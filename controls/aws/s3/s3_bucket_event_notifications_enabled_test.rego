package parapet.aws.s3.s3_bucket_event_notifications_enabled_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_event_notifications_enabled as control

bucket(n) := {"resource": {"name": "b", "attributes": {"notifications": n}}}

none := {"topics": 0, "queues": 0, "lambda_functions": 0, "eventbridge": false}

test_eventbridge_passes if {
	inp := bucket(object.union(none, {"eventbridge": true}))
	control.status == "PASS" with input as inp
	control.reason == "bucket b sends event notifications (EventBridge)" with input as inp
}

test_queue_passes if {
	inp := bucket(object.union(none, {"queues": 2}))
	control.reason == "bucket b sends event notifications (2 queues)" with input as inp
}

test_nothing_fails if {
	control.status == "FAIL" with input as bucket(none)
	control.reason == "bucket b sends no event notifications" with input as bucket(none)
}

test_unknown_decides_nothing if not control.status with input as bucket(null)
