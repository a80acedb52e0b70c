package parapet.aws.dynamodb.dynamodb_table_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.dynamodb.dynamodb_table_not_publicly_accessible as control

table(statements) := {"resource": {"name": "MusicCollection", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

# DynamoDB Developer Guide, cross-account access: one role of another account.
test_cross_account_role_passes if {
	st := {"Sid": "CrossAccountRead", "Effect": "Allow",
		"Principal": {"AWS": "arn:aws:iam::111122223333:role/DynamoDBCrossAccountAccessRole"},
		"Action": ["dynamodb:GetItem", "dynamodb:Query"],
		"Resource": "arn:aws:dynamodb:us-west-2:123456789012:table/MusicCollection"}
	control.status == "PASS" with input as table([st])
}

# The Block Public Access page's non-public example: two named accounts.
test_two_named_accounts_pass if {
	st := {"Effect": "Allow", "Principal": {"AWS": ["123456789012", "111122223333"]}, "Action": "dynamodb:*", "Resource": "*"}
	control.status == "PASS" with input as table([st])
}

# Principal "*" pinned by aws:PrincipalArn to one user, as the same page shows.
test_star_pinned_to_one_user_passes if {
	st := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "dynamodb:*", "Resource": "*",
		"Condition": {"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:user/John"}}}
	control.status == "PASS" with input as table([st])
}

test_everyone_fails_and_names_the_statement if {
	st := {"Sid": "open-reads", "Effect": "Allow", "Principal": "*", "Action": ["dynamodb:GetItem", "dynamodb:Scan"], "Resource": "*"}
	control.status == "FAIL" with input as table([st])
	control.reason == "table MusicCollection can be used by anyone through statement \"open-reads\" (dynamodb:GetItem, dynamodb:Scan)" with input as table([st])
}

test_wildcard_principal_arn_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "dynamodb:GetItem", "Resource": "*",
		"Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/reader"}}}
	control.status == "FAIL" with input as table([st])
}

test_no_policy_passes if {
	control.status == "PASS" with input as {"resource": {"name": "MusicCollection", "attributes": {"policy": null}}}
	control.reason == "table MusicCollection has no resource policy" with input as {"resource": {"name": "MusicCollection", "attributes": {"policy": null}}}
}

test_undecodable_policy_is_an_error if control.status == "ERROR" with input as {"resource": {"name": "MusicCollection", "attributes": {"policy": "{\"Statement\": ["}}}
