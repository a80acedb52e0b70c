package parapet.aws.iam.iam_policy_no_full_access_to_kms_test

import rego.v1

import data.parapet.aws.iam.iam_policy_no_full_access_to_kms as control

policy(doc) := {"resource": {"name": "p", "attributes": {"aws_managed": false, "AttachmentCount": 1, "document": doc}}}

doc(statements) := {"Version": "2012-10-17", "Statement": statements}

test_kms_star_on_all_keys_fails if {
	inp := policy(doc([{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]))
	control.status == "FAIL" with input as inp
	startswith(control.reason, "customer-managed policy p allows every KMS action on every key") with input as inp
}

test_star_action_fails if control.status == "FAIL" with input as policy(doc([{"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": "*"}]))

test_not_action_leaving_kms_in_fails if control.status == "FAIL" with input as policy(doc([{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]))

test_lowercase_service_wildcard_fails if control.status == "FAIL" with input as policy(doc({"Effect": "Allow", "Action": "KMS:*", "Resource": "*"}))


test_scoped_kms_use_passes if control.status == "PASS" with input as policy(doc([{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*"}]))

test_kms_star_on_one_key_passes if control.status == "PASS" with input as policy(doc([{"Effect": "Allow", "Action": "kms:*", "Resource": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]))

test_deny_kms_star_passes if control.status == "PASS" with input as policy(doc([{"Effect": "Deny", "Action": "kms:*", "Resource": "*"}]))

test_aws_managed_is_skipped if {
	inp := {"resource": {"name": "AdministratorAccess", "attributes": {"aws_managed": true, "AttachmentCount": 3, "document": doc([{"Effect": "Allow", "Action": "*", "Resource": "*"}])}}}
	control.status == "SKIPPED" with input as inp
}

test_missing_document_decides_nothing if not control.status with input as {"resource": {"name": "p", "attributes": {"aws_managed": false, "document": null}}}

test_allow_and_deny_of_kms_star_passes if {
	control.status == "PASS" with input as policy(doc([
		{"Effect": "Allow", "Action": "kms:*", "Resource": "*"},
		{"Effect": "Deny", "Action": ["kms:*"], "Resource": ["*"]},
	]))
}

test_allow_with_deny_of_another_service_fails if {
	control.status == "FAIL" with input as policy(doc([
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:*", "Resource": "*"},
	]))
}
