package parapet.aws.s3.s3_bucket_server_access_logging_enabled_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_server_access_logging_enabled as control

bucket(l) := {"resource": {"name": "b", "attributes": {"logging": l}}}

test_logging_passes if {
	inp := bucket({"TargetBucket": "logs", "TargetPrefix": "b/"})
	control.status == "PASS" with input as inp
	control.reason == "bucket b logs requests to bucket logs" with input as inp
}

test_no_logging_fails if {
	control.status == "FAIL" with input as bucket(null)
	control.reason == "bucket b has server access logging off" with input as bucket(null)
}
