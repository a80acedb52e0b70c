package parapet.aws.s3.s3_bucket_cross_account_access_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_cross_account_access as control

bucket(statements) := {"resource": {"name": "b", "account_id": "111122223333", "attributes": {"policy": {"Statement": statements}}}}

test_foreign_account_fails if {
	inp := bucket([{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::444455556666:root", "777788889999"]}, "Action": "s3:GetObject", "Resource": "*"}])
	control.status == "FAIL" with input as inp
	control.reason == "bucket b grants access to other AWS accounts: 444455556666, 777788889999" with input as inp
}

test_own_account_and_services_pass if {
	inp := bucket([
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "s3:GetObject", "Resource": "*"},
		{"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "*"},
	])
	control.status == "PASS" with input as inp
	control.reason == "bucket b grants no access to other AWS accounts" with input as inp
}

test_deny_naming_an_account_passes if control.status == "PASS" with input as bucket([{"Effect": "Deny", "Principal": {"AWS": "444455556666"}, "Action": "s3:*", "Resource": "*"}])

test_conditioned_grant_still_fails if {
	st := {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}
	control.status == "FAIL" with input as bucket([st])
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "b", "account_id": "111122223333", "attributes": {"policy": null}}}

test_public_principal_is_cross_account if {
	inp := bucket([{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}, "Action": "s3:GetObject", "Resource": "*"}])
	control.status == "FAIL" with input as inp
	control.reason == "bucket b grants access to other AWS accounts: every account (Principal \"*\")" with input as inp
}

test_public_principal_pinned_to_own_account_passes if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}}
	control.status == "PASS" with input as bucket([st])
}

test_public_principal_with_wildcard_source_arn_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "*", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}}}
	control.status == "FAIL" with input as bucket([st])
}
