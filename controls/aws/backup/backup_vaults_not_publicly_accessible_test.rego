package parapet.aws.backup.backup_vaults_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.backup.backup_vaults_not_publicly_accessible as control

vault(statements) := {"resource": {"name": "central", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

# AWS Backup's example: deny deleting recovery points to everyone.
test_deny_of_deletes_passes if {
	st := {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], "Resource": "*"}
	control.status == "PASS" with input as vault([st])
}

# AWS Backup's cross-account example: copies from the organization's accounts only.
test_copy_from_organization_passes if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "backup:CopyIntoBackupVault", "Resource": "*",
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
	control.status == "PASS" with input as vault([st])
}

test_copy_from_anyone_fails if {
	st := {"Sid": "copy", "Effect": "Allow", "Principal": "*", "Action": "backup:CopyIntoBackupVault", "Resource": "*"}
	control.status == "FAIL" with input as vault([st])
	control.reason == `backup vault central can be used by anyone through statement "copy" (backup:CopyIntoBackupVault)` with input as vault([st])
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "central", "attributes": {"policy": null}}}
