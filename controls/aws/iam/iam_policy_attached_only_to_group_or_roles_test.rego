package parapet.aws.iam.iam_policy_attached_only_to_group_or_roles_test

import rego.v1

import data.parapet.aws.iam.iam_policy_attached_only_to_group_or_roles as control

user(attached, inline) := {"resource": {"name": "alice", "attributes": {
	"attached_policies": attached, "inline_policies": inline, "groups": ["developers"],
}}}

test_group_only_passes if {
	control.status == "PASS" with input as user([], [])
	contains(control.reason, "alice") with input as user([], [])
}

test_managed_policy_fails if {
	inp := user([{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}], [])
	control.status == "FAIL" with input as inp
	contains(control.reason, "ReadOnlyAccess") with input as inp
}

test_inline_policy_fails if {
	inp := user([], [{"PolicyName": "s3-access", "PolicyDocument": {"Statement": []}}])
	control.status == "FAIL" with input as inp
	contains(control.reason, "s3-access") with input as inp
}

test_unknown_lists_do_not_pass if not control.status with input as user(null, null)
