package parapet.aws.kinesis.kinesis_stream_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.kinesis.kinesis_stream_not_publicly_accessible as control

stream_arn := "arn:aws:kinesis:us-east-1:123456789012:stream/orders"

stream(statements) := {"resource": {"name": "orders", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

# Kinesis Developer Guide, sharing a stream with another account: one role reads.
test_cross_account_reader_passes if {
	st := {"Sid": "StreamReadStatementID", "Effect": "Allow",
		"Principal": {"AWS": "arn:aws:iam::111122223333:role/KinesisCrossAccountReader"},
		"Action": ["kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:GetRecords", "kinesis:GetShardIterator"],
		"Resource": stream_arn}
	control.status == "PASS" with input as stream([st])
}

test_organization_pinned_passes if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "kinesis:PutRecord", "Resource": stream_arn,
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
	control.status == "PASS" with input as stream([st])
}

test_anyone_may_write_fails if {
	st := {"Sid": "open-writes", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kinesis:PutRecord", "kinesis:PutRecords"], "Resource": stream_arn}
	control.status == "FAIL" with input as stream([st])
	control.reason == "stream orders can be used by anyone through statement \"open-writes\" (kinesis:PutRecord, kinesis:PutRecords)" with input as stream([st])
}

# ForAllValues without a Null guard is true for a caller without the key.
test_for_all_values_without_guard_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "kinesis:GetRecords", "Resource": stream_arn,
		"Condition": {"ForAllValues:StringEquals": {"aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"]}}}
	control.status == "FAIL" with input as stream([st])
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "orders", "attributes": {"policy": null}}}

test_undecodable_policy_is_an_error if control.status == "ERROR" with input as {"resource": {"name": "orders", "attributes": {"policy": "not json"}}}
