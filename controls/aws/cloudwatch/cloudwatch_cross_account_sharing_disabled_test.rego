package parapet.aws.cloudwatch.cloudwatch_cross_account_sharing_disabled_test

import rego.v1

import data.parapet.aws.cloudwatch.cloudwatch_cross_account_sharing_disabled as control

role(name, trust) := {"resource": {"name": name, "attributes": {"RoleName": name, "AssumeRolePolicyDocument": trust}}}

trust(principal) := {"Statement": [{"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"}]}

test_sharing_role_fails if {
	inp := role("CloudWatch-CrossAccountSharingRole", trust(["arn:aws:iam::444455556666:root", "777788889999"]))
	control.status == "FAIL" with input as inp
	control.reason == "CloudWatch data of this account is shared: role CloudWatch-CrossAccountSharingRole can be assumed by 777788889999, arn:aws:iam::444455556666:root" with input as inp
}

test_other_roles_are_skipped if {
	control.status == "SKIPPED" with input as role("app", trust("arn:aws:iam::444455556666:root"))
	# A role merely named like it is not the one CloudWatch creates and uses.
	control.status == "SKIPPED" with input as role("cloudwatch-crossaccountsharingrole-old", trust("111122223333"))
}
