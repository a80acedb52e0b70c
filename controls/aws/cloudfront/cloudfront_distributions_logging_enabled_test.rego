package parapet.aws.cloudfront.cloudfront_distributions_logging_enabled_test

import rego.v1

import data.parapet.aws.cloudfront.cloudfront_distributions_logging_enabled as control

dist(logging, behaviour) := {"resource": {"name": "E1", "attributes": {"Logging": logging, "DefaultCacheBehavior": behaviour, "CacheBehaviors": {"Quantity": "0"}}}}

test_standard_logging_passes if {
	inp := dist({"Enabled": true, "Bucket": "logs.s3.amazonaws.com"}, {})
	control.status == "PASS" with input as inp
	control.reason == "distribution E1 writes access logs to logs.s3.amazonaws.com" with input as inp
}

test_realtime_logging_passes if {
	inp := dist({"Enabled": false}, {"RealtimeLogConfigArn": "arn:aws:cloudfront::1:realtime-log-config/rt"})
	control.status == "PASS" with input as inp
	control.reason == "distribution E1 sends real-time logs" with input as inp
}

test_realtime_on_another_behaviour_passes if {
	inp := {"resource": {"name": "E1", "attributes": {"Logging": {"Enabled": false}, "DefaultCacheBehavior": {}, "CacheBehaviors": {"Items": [{"RealtimeLogConfigArn": "arn:x"}]}}}}
	control.status == "PASS" with input as inp
}

test_no_logging_fails if {
	control.status == "FAIL" with input as dist({"Enabled": false, "Bucket": null}, {})
	control.reason == "distribution E1 has neither standard nor real-time logging" with input as dist({"Enabled": false}, {})
}
