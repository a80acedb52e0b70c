package parapet.aws.ecr.ecr_repositories_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.ecr.ecr_repositories_not_publicly_accessible as control

repo(statements) := {"resource": {"name": "app", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

# ECR's example "allow all AWS accounts to pull".
test_pull_by_every_account_fails if {
	st := {"Sid": "AllowPull", "Effect": "Allow", "Principal": "*",
		"Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}
	control.status == "FAIL" with input as repo([st])
	control.reason == `repository app can be used by anyone through statement "AllowPull" (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer)` with input as repo([st])
}

# ECR's example for an organization: every principal of one organization.
test_pull_by_organization_passes if {
	st := {"Sid": "OrgPull", "Effect": "Allow", "Principal": "*",
		"Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
	control.status == "PASS" with input as repo([st])
}

test_named_account_passes if {
	st := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "ecr:*"}
	control.status == "PASS" with input as repo([st])
}

test_every_account_root_fails if {
	st := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::*:root"}, "Action": "ecr:BatchGetImage"}
	control.status == "FAIL" with input as repo([st])
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "app", "attributes": {"policy": null}}}
