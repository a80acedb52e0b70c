package parapet.aws.kms.kms_key_enclave_attestation_bypassable_path_test

import rego.v1

import data.parapet.aws.kms.kms_key_enclave_attestation_bypassable_path as control

image := concat("", ["ab" | some _ in numbers.range(1, 48)])

zeros := concat("", ["0" | some _ in numbers.range(1, 96)])

key(statements) := {"resource": {"name": "enclave-key", "account_id": "111122223333", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

root := {"Sid": "IAM", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}

attested(conditions) := {"Sid": "Enclave", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/parent"}, "Action": "kms:Decrypt", "Resource": "*", "Condition": conditions}

good := attested({"StringEqualsIgnoreCase": {
	"kms:RecipientAttestation:ImageSha384": image,
	"kms:RecipientAttestation:PCR0": image,
	"kms:RecipientAttestation:PCR8": image,
}})

test_keys_without_attestation_are_skipped if {
	control.status == "SKIPPED" with input as key([root])
	control.reason == "KMS key enclave-key has no Nitro Enclaves attestation condition in its policy" with input as key([root])
}

test_aws_managed_keys_without_policy_are_skipped if control.status == "SKIPPED" with input as {"resource": {"name": "aws/s3", "account_id": "111122223333", "attributes": {"policy": null}}}

test_a_well_attested_policy_passes if control.status == "PASS" with input as key([root, good])

test_pass_reason if control.reason == "KMS key enclave-key releases key material only through attested statements" with input as key([root, good])

test_plain_decrypt_statement_fails if {
	plain := {"Sid": "ParentDecrypt", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/parent"}, "Action": "kms:*", "Resource": "*"}
	control.status == "FAIL" with input as key([root, good, plain])
	control.reason == "KMS key enclave-key can be used without attestation through statement ParentDecrypt" with input as key([root, good, plain])
}

test_encrypt_only_statement_passes if {
	enc := {"Sid": "Writer", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/writer"}, "Action": "kms:Encrypt", "Resource": "*"}
	control.status == "PASS" with input as key([root, good, enc])
}

test_not_action_statement_counts if {
	na := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ops"}, "NotAction": "kms:ScheduleKeyDeletion", "Resource": "*"}
	control.status == "FAIL" with input as key([good, na])
}
