package parapet.aws.elb.elb_logging_enabled_test

import rego.v1

import data.parapet.aws.elb.elb_logging_enabled as control

lb(log) := {"resource": {"name": "legacy", "attributes": {"AccessLog": log}}}

test_enabled_passes if {
	control.status == "PASS" with input as lb({"Enabled": true, "S3BucketName": "lb-logs"})
	control.reason == "load balancer legacy writes access logs to bucket lb-logs" with input as lb({"Enabled": true, "S3BucketName": "lb-logs"})
}

test_disabled_fails if control.status == "FAIL" with input as lb({"Enabled": false})

test_absent_fails if control.status == "FAIL" with input as lb(null)
