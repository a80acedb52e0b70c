package parapet.aws.glacier.glacier_vaults_policy_public_access_test

import rego.v1

import data.parapet.aws.glacier.glacier_vaults_policy_public_access as control

vault(statements) := {"resource": {"name": "archive", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

# Glacier's cross-account example: two named accounts may upload.
test_named_accounts_pass if {
	st := {"Sid": "cross-account-upload", "Principal": {"AWS": ["arn:aws:iam::123456789012:root", "arn:aws:iam::444455556666:root"]},
		"Effect": "Allow", "Action": ["glacier:UploadArchive", "glacier:InitiateMultipartUpload"],
		"Resource": ["arn:aws:glacier:us-west-2:999999999999:vaults/examplevault"]}
	control.status == "PASS" with input as vault([st])
}

# Glacier's vault lock example: a Deny for everyone grants nothing.
test_deny_of_young_deletes_passes if {
	st := {"Sid": "deny-based-on-archive-age", "Principal": "*", "Effect": "Deny", "Action": "glacier:DeleteArchive",
		"Resource": ["arn:aws:glacier:us-west-2:123456789012:vaults/examplevault"],
		"Condition": {"NumericLessThan": {"glacier:ArchiveAgeInDays": "365"}}}
	control.status == "PASS" with input as vault([st])
}

test_anyone_may_retrieve_fails if {
	st := {"Sid": "retrieve", "Principal": "*", "Effect": "Allow", "Action": ["glacier:InitiateJob", "glacier:GetJobOutput"], "Resource": "*"}
	control.status == "FAIL" with input as vault([st])
	control.reason == `vault archive can be used by anyone through statement "retrieve" (glacier:InitiateJob, glacier:GetJobOutput)` with input as vault([st])
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "archive", "attributes": {"policy": null}}}
