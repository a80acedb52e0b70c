package parapet.aws.eventbridge.eventbridge_bus_exposed_test

import rego.v1

import data.parapet.aws.eventbridge.eventbridge_bus_exposed as control

bus(statements) := {"resource": {"name": "orders", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

# What PutPermission writes for an organization: everyone, pinned by aws:PrincipalOrgID.
test_organization_share_passes if {
	st := {"Sid": "org", "Effect": "Allow", "Principal": "*", "Action": "events:PutEvents",
		"Resource": "arn:aws:events:us-east-1:111122223333:event-bus/orders",
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
	control.status == "PASS" with input as bus([st])
}

# What PutPermission writes for one account: its root as principal.
test_one_account_passes if {
	st := {"Sid": "partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "events:PutEvents",
		"Resource": "arn:aws:events:us-east-1:111122223333:event-bus/orders"}
	control.status == "PASS" with input as bus([st])
}

# PutPermission with Principal "*" and no condition.
test_everyone_fails if {
	st := {"Sid": "anyone", "Effect": "Allow", "Principal": "*", "Action": "events:PutEvents",
		"Resource": "arn:aws:events:us-east-1:111122223333:event-bus/orders"}
	control.status == "FAIL" with input as bus([st])
	control.reason == `event bus orders can be used by anyone through statement "anyone" (events:PutEvents)` with input as bus([st])
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "default", "attributes": {"policy": null}}}
