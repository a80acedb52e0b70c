package parapet.aws.backup.backup_vaults_encrypted_test

import rego.v1

import data.parapet.aws.backup.backup_vaults_encrypted as control

res(attrs) := {"resource": {"name": "main", "attributes": object.union({"BackupVaultName": "main"}, attrs)}}

test_key_passes if {
	control.status == "PASS" with input as res({"EncryptionKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/1234"})
	control.reason == "backup vault main encrypts its backups with KMS key arn:aws:kms:eu-west-1:111122223333:key/1234" with input as res({"EncryptionKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/1234"})
}

test_no_key_fails if {
	control.status == "FAIL" with input as res({})
	control.reason == "backup vault main has no KMS encryption key" with input as res({})
}

test_empty_key_fails if control.status == "FAIL" with input as res({"EncryptionKeyArn": ""})
