package parapet.aws.iam.iam_customer_attached_policy_no_administrative_privileges_test

import rego.v1

import data.parapet.aws.iam.iam_customer_attached_policy_no_administrative_privileges as control

policy(aws_managed, attachments, doc) := {"resource": {"name": "ops-admin", "attributes": {
	"PolicyName": "ops-admin", "aws_managed": aws_managed, "AttachmentCount": attachments, "document": doc,
}}}

admin_doc := {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}

scoped_doc := {"Version": "2012-10-17", "Statement": [
	{"Effect": "Allow", "Action": ["ec2:Describe*"], "Resource": "*"},
	{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::logs/*"},
]}

test_admin_fails if {
	control.status == "FAIL" with input as policy(false, 1, admin_doc)
	contains(control.reason, "ops-admin") with input as policy(false, 1, admin_doc)
}

test_scoped_passes if {
	control.status == "PASS" with input as policy(false, 4, scoped_doc)
	contains(control.reason, "ops-admin") with input as policy(false, 4, scoped_doc)
}

test_not_action_admin_fails if {
	doc := {"Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}]}
	control.status == "FAIL" with input as policy(false, 1, doc)
}

# A condition narrows who can use the grant, not what it grants.
test_conditional_admin_fails if {
	doc := {"Statement": [{
		"Effect": "Allow", "Action": "*", "Resource": "*",
		"Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
	}]}
	control.status == "FAIL" with input as policy(false, 1, doc)
}

test_service_wildcard_passes if {
	doc := {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
	control.status == "PASS" with input as policy(false, 1, doc)
}

test_unattached_skipped if {
	control.status == "SKIPPED" with input as policy(false, 0, admin_doc)
	control.reason with input as policy(false, 0, admin_doc)
}

test_aws_managed_skipped if control.status == "SKIPPED" with input as policy(true, 1, admin_doc)

test_missing_document_does_not_pass if not control.status with input as policy(false, 1, null)

test_admin_on_every_arn_fails if {
	doc := {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*:*", "Resource": "arn:aws:*:*:*:*"}}
	control.status == "FAIL" with input as policy(false, 1, doc)
}

test_admin_cancelled_by_deny_of_everything_passes if {
	doc := {"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "*:*", "Resource": "*"},
	]}
	control.status == "PASS" with input as policy(false, 1, doc)
}
