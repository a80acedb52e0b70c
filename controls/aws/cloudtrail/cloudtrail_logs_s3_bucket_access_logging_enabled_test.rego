package parapet.aws.cloudtrail.cloudtrail_logs_s3_bucket_access_logging_enabled_test

import rego.v1

import data.parapet.aws.cloudtrail.cloudtrail_logs_s3_bucket_access_logging_enabled as control

trail(logging) := {"resource": {"name": "main", "attributes": {
	"S3BucketName": "audit-logs",
	"bucket_logging": logging,
}}}

test_logging_on_passes if {
	control.status == "PASS" with input as trail({"TargetBucket": "access-logs", "TargetPrefix": "ct/"})
}

# Delivering access logs to the same bucket is allowed by S3 and still records access.
test_logging_to_itself_passes if {
	control.status == "PASS" with input as trail({"TargetBucket": "audit-logs", "TargetPrefix": ""})
}

test_logging_off_fails if {
	control.status == "FAIL" with input as trail(null)
}

test_missing_attribute_fails if {
	control.status == "FAIL" with input as {"resource": {"name": "main", "attributes": {"S3BucketName": "audit-logs"}}}
}

test_reason_names_trail_and_bucket if {
	r := control.reason with input as trail(null)
	contains(r, "main")
	contains(r, "audit-logs")
	control.reason with input as trail({"TargetBucket": "access-logs"})
}
