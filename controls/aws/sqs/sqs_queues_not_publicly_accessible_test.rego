package parapet.aws.sqs.sqs_queues_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.sqs.sqs_queues_not_publicly_accessible as control

queue(statements) := {"resource": {"name": "orders", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

# AWS's SNS-to-SQS subscription statement: anyone, but only from the one topic.
test_topic_subscription_passes if {
	st := {"Sid": "topic-to-queue", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
		"Resource": "arn:aws:sqs:us-east-1:111122223333:orders",
		"Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:orders-topic"}}}
	control.status == "PASS" with input as queue([st])
}

test_service_principal_with_source_account_passes if {
	st := {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*",
		"Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}
	control.status == "PASS" with input as queue([st])
}

test_anyone_may_receive_fails if {
	st := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage"], "Resource": "*"}
	control.status == "FAIL" with input as queue([st])
	control.reason == "queue orders can be used by anyone through statement #1 (sqs:ReceiveMessage, sqs:DeleteMessage)" with input as queue([st])
}

test_any_vpc_pattern_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "sqs:*", "Resource": "*",
		"Condition": {"StringLike": {"aws:SourceVpc": "vpc-*"}}}
	control.status == "FAIL" with input as queue([st])
}

test_if_exists_source_account_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*",
		"Condition": {"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}}}
	control.status == "FAIL" with input as queue([st])
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "orders", "attributes": {"policy": null}}}

test_undecodable_policy_is_an_error if control.status == "ERROR" with input as {"resource": {"name": "orders", "attributes": {"policy": "{\"Statement\": ["}}}
