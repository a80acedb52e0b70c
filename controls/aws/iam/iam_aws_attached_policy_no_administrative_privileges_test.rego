package parapet.aws.iam.iam_aws_attached_policy_no_administrative_privileges_test

import rego.v1

import data.parapet.aws.iam.iam_aws_attached_policy_no_administrative_privileges as control

admin_doc := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}

read_only_doc := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}]}

policy(name, aws_managed, attachments, doc) := {"resource": {"name": name, "attributes": {
	"PolicyName": name, "aws_managed": aws_managed, "AttachmentCount": attachments, "document": doc,
}}}

test_attached_administrator_access_fails if {
	inp := policy("AdministratorAccess", true, 2, admin_doc)
	control.status == "FAIL" with input as inp
	contains(control.reason, "AdministratorAccess") with input as inp
}

test_attached_scoped_policy_passes if {
	inp := policy("AmazonS3ReadOnlyAccess", true, 1, read_only_doc)
	control.status == "PASS" with input as inp
	contains(control.reason, "AmazonS3ReadOnlyAccess") with input as inp
}

test_unattached_admin_skipped if {
	inp := policy("AdministratorAccess", true, 0, admin_doc)
	control.status == "SKIPPED" with input as inp
	control.reason with input as inp
}

test_customer_managed_skipped if control.status == "SKIPPED" with input as policy("Admin", false, 3, admin_doc)

test_single_statement_object_fails if {
	doc := {"Statement": {"Effect": "Allow", "Action": "*:*", "Resource": ["*"]}}
	control.status == "FAIL" with input as policy("X", true, 1, doc)
}

test_missing_document_does_not_pass if not control.status with input as policy("X", true, 1, null)
