package parapet.aws.iam.iam_support_role_created_test

import rego.v1

import data.parapet.aws.iam.iam_support_role_created as control

settings(support) := {"resource": {"name": "123456789012", "attributes": {"support_role": support}}}

test_role_passes if {
	inp := settings({"attached": true, "roles": ["aws-support"], "users": [], "groups": []})
	control.status == "PASS" with input as inp
	contains(control.reason, "aws-support") with input as inp
}

test_not_attached_fails if {
	inp := settings({"attached": false, "roles": [], "users": [], "groups": []})
	control.status == "FAIL" with input as inp
	contains(control.reason, "123456789012") with input as inp
}

test_attached_to_user_only_fails if {
	inp := settings({"attached": true, "roles": [], "users": ["alice"], "groups": ["ops"]})
	control.status == "FAIL" with input as inp
	contains(control.reason, "alice") with input as inp
}

test_absent_attribute_does_not_pass if not control.status with input as settings(null)
