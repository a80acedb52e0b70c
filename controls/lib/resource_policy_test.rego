package parapet.lib.resource_policy_test

import rego.v1

import data.parapet.lib.resource_policy

doc(statements) := {"Version": "2012-10-17", "Statement": statements}

open := {"Effect": "Allow", "Principal": "*", "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"], "Resource": "*"}

test_open_statement_is_named_by_sid if {
	resource_policy.public_grants(doc([object.union(open, {"Sid": "Everyone"})])) == [`statement "Everyone" (sqs:SendMessage, sqs:ReceiveMessage)`]
}

test_unnamed_statement_is_named_by_position if {
	owner := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sqs:*", "Resource": "*"}
	resource_policy.public_grants(doc([owner, open])) == ["statement #2 (sqs:SendMessage, sqs:ReceiveMessage)"]
}

test_not_action_is_described if {
	st := {"Effect": "Allow", "Principal": {"AWS": "*"}, "NotAction": "sqs:DeleteQueue", "Resource": "*"}
	resource_policy.public_grants(doc([st])) == ["statement #1 (every action except sqs:DeleteQueue)"]
}

test_verdicts if {
	resource_policy.status(null) == "PASS"
	resource_policy.status("{not json") == "ERROR"
	resource_policy.status(doc([])) == "PASS"
	resource_policy.status(doc([open])) == "FAIL"
	resource_policy.reason("queue", "q", doc([open])) == "queue q can be used by anyone through statement #1 (sqs:SendMessage, sqs:ReceiveMessage)"
	resource_policy.reason("queue", "q", null) == "queue q has no resource policy"
}
