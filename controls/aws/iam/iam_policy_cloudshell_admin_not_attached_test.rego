package parapet.aws.iam.iam_policy_cloudshell_admin_not_attached_test

import rego.v1

import data.parapet.aws.iam.iam_policy_cloudshell_admin_not_attached as control

policy(arn, n) := {"resource": {"name": "p", "attributes": {"Arn": arn, "AttachmentCount": n, "aws_managed": true}}}

test_attached_fails if {
	inp := policy("arn:aws:iam::aws:policy/AWSCloudShellFullAccess", 2)
	control.status == "FAIL" with input as inp
	control.reason == "AWSCloudShellFullAccess is attached to 2 identities" with input as inp
}

test_other_partition_fails if control.status == "FAIL" with input as policy("arn:aws-us-gov:iam::aws:policy/AWSCloudShellFullAccess", 1)

test_unattached_passes if control.status == "PASS" with input as policy("arn:aws:iam::aws:policy/AWSCloudShellFullAccess", 0)

test_other_policies_are_skipped if {
	control.status == "SKIPPED" with input as policy("arn:aws:iam::aws:policy/ReadOnlyAccess", 4)
	# A customer policy that copies the name is not the AWS-managed one.
	control.status == "SKIPPED" with input as policy("arn:aws:iam::111122223333:policy/AWSCloudShellFullAccess", 1)
}
