package parapet.aws.dynamodb.dynamodb_table_stream_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.dynamodb.dynamodb_table_stream_not_publicly_accessible as control

stream_arn := "arn:aws:dynamodb:us-west-2:123456789012:table/MusicCollection/stream/2024-02-12T18:57:26.492"

table(policy) := {"resource": {"name": "MusicCollection", "attributes": {"LatestStreamArn": stream_arn, "stream_policy": policy}}}

doc(st) := {"Version": "2012-10-17", "Statement": [st]}

# DynamoDB Developer Guide, stream policy: a Lambda role of another account reads the stream.
test_consumer_role_passes if {
	st := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/StreamConsumerRole"},
		"Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], "Resource": stream_arn}
	control.status == "PASS" with input as table(doc(st))
}

test_open_stream_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "dynamodb:GetRecords", "Resource": stream_arn}
	control.status == "FAIL" with input as table(doc(st))
	control.reason == "stream of table MusicCollection can be used by anyone through statement #1 (dynamodb:GetRecords)" with input as table(doc(st))
}

# IfExists does not pin a caller that sends no aws:SourceAccount.
test_if_exists_condition_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "dynamodb:GetRecords", "Resource": stream_arn,
		"Condition": {"StringEqualsIfExists": {"aws:SourceAccount": "123456789012"}}}
	control.status == "FAIL" with input as table(doc(st))
}

test_stream_without_policy_passes if control.status == "PASS" with input as table(null)

test_table_without_stream_is_skipped if {
	control.status == "SKIPPED" with input as {"resource": {"name": "MusicCollection", "attributes": {"stream_policy": null}}}
	control.reason == "table MusicCollection has no stream" with input as {"resource": {"name": "MusicCollection", "attributes": {"stream_policy": null}}}
}
