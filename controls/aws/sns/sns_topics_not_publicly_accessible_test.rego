package parapet.aws.sns.sns_topics_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.sns.sns_topics_not_publicly_accessible as control

topic(statements) := {"resource": {"name": "alerts", "attributes": {"Policy": {"Version": "2012-10-17", "Statement": statements}}}}

# The policy SNS writes on a new topic: everyone, pinned to the owner by AWS:SourceOwner.
test_default_topic_policy_passes if {
	st := {"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"},
		"Action": ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:Subscribe", "SNS:Publish"],
		"Resource": "arn:aws:sns:us-east-1:111122223333:alerts",
		"Condition": {"StringEquals": {"AWS:SourceOwner": "111122223333"}}}
	control.status == "PASS" with input as topic([st])
}

# AWS's example for S3 event notifications: the bucket and its account are pinned.
test_bucket_notification_statement_passes if {
	st := {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "SNS:Publish",
		"Resource": "arn:aws:sns:us-east-1:111122223333:alerts",
		"Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket"}, "StringEquals": {"aws:SourceAccount": "111122223333"}}}
	control.status == "PASS" with input as topic([st])
}

test_anyone_may_subscribe_fails if {
	st := {"Sid": "open-subscribe", "Effect": "Allow", "Principal": "*", "Action": ["sns:Subscribe", "sns:Receive"], "Resource": "*"}
	control.status == "FAIL" with input as topic([st])
	control.reason == `topic alerts can be used by anyone through statement "open-subscribe" (sns:Subscribe, sns:Receive)` with input as topic([st])
}

test_any_vpc_pattern_fails if {
	st := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sns:Publish", "Resource": "*",
		"Condition": {"StringLike": {"aws:SourceVpc": "vpc-*"}}}
	control.status == "FAIL" with input as topic([st])
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "alerts", "attributes": {"Policy": null}}}
