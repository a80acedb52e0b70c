package parapet.aws.iam.iam_user_administrator_access_policy_test

import rego.v1

import data.parapet.aws.iam.iam_user_administrator_access_policy as control

user(policies) := {"resource": {"name": "alice", "attributes": {"attached_policies": policies}}}

test_admin_attached_fails if {
	inp := user([{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}])
	control.status == "FAIL" with input as inp
	control.reason == "IAM user alice has AdministratorAccess attached directly" with input as inp
}

test_other_partition_fails if control.status == "FAIL" with input as user([{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws-cn:iam::aws:policy/AdministratorAccess"}])

test_other_policies_pass if {
	inp := user([
		{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
		# A customer policy with the same name is not the AWS one (its content is judged elsewhere).
		{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::111122223333:policy/AdministratorAccess"},
	])
	control.status == "PASS" with input as inp
}

test_no_policies_pass if control.status == "PASS" with input as user([])

test_unreadable_decides_nothing if not control.status with input as {"resource": {"name": "alice", "attributes": {}}}
