package parapet.aws.iam.iam_policy_no_full_access_to_cloudtrail_test

import rego.v1

import data.parapet.aws.iam.iam_policy_no_full_access_to_cloudtrail as control

policy(doc) := {"resource": {"name": "p", "attributes": {"aws_managed": false, "AttachmentCount": 1, "document": doc}}}

doc(statements) := {"Version": "2012-10-17", "Statement": statements}

test_cloudtrail_star_fails if {
	inp := policy(doc([{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"}]))
	control.status == "FAIL" with input as inp
	control.reason == "customer-managed policy p allows every CloudTrail action on every resource (attached to 1 identities)" with input as inp
}

test_star_fails if control.status == "FAIL" with input as policy(doc({"Effect": "Allow", "Action": "*", "Resource": "*"}))


test_read_only_passes if {
	inp := policy(doc([{"Effect": "Allow", "Action": ["cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:LookupEvents"], "Resource": "*"}]))
	control.status == "PASS" with input as inp
	control.reason == "customer-managed policy p does not allow every CloudTrail action on every resource" with input as inp
}

test_conditional_deny_of_stop_logging_still_passes_the_read_policy if control.status == "PASS" with input as policy(doc([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]))

test_aws_managed_is_skipped if {
	inp := {"resource": {"name": "AdministratorAccess", "attributes": {"aws_managed": true, "AttachmentCount": 3, "document": doc([{"Effect": "Allow", "Action": "*", "Resource": "*"}])}}}
	control.status == "SKIPPED" with input as inp
}

test_missing_document_decides_nothing if not control.status with input as {"resource": {"name": "p", "attributes": {"aws_managed": false, "document": null}}}

test_allow_and_deny_of_cloudtrail_star_passes if {
	control.status == "PASS" with input as policy(doc([
		{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"},
		{"Effect": "Deny", "NotAction": ["s3:*", "ec2:*"], "Resource": "*"},
	]))
}

test_all_resource_forms_fail if {
	control.status == "FAIL" with input as policy(doc([{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*:*"}]))
	control.status == "FAIL" with input as policy(doc([{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "arn:aws:*:*:*:*"}]))
}
