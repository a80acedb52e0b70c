package parapet.aws.kms.kms_key_enclave_attestation_not_enforced_test

import rego.v1

import data.parapet.aws.kms.kms_key_enclave_attestation_not_enforced as control

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

test_pass_reason if control.reason == "KMS key enclave-key enforces attestation in every enclave statement" with input as key([root, good])

test_if_exists_fails if {
	inp := key([attested({"StringEqualsIgnoreCaseIfExists": {"kms:RecipientAttestation:ImageSha384": image}})])
	control.status == "FAIL" with input as inp
	control.reason == "KMS key enclave-key does not enforce attestation in statement Enclave (StringEqualsIgnoreCaseIfExists)" with input as inp
}

test_negated_operator_fails if control.status == "FAIL" with input as key([attested({"StringNotEquals": {"kms:RecipientAttestation:PCR0": image}})])

test_for_all_values_without_null_guard_fails if {
	inp := key([attested({"ForAllValues:StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": image}})])
	control.status == "FAIL" with input as inp
	control.reason == "KMS key enclave-key does not enforce attestation in statement Enclave (ForAllValues:StringEqualsIgnoreCase)" with input as inp
}

test_for_all_values_with_null_guard_passes if {
	inp := key([attested({
		"ForAllValues:StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": image},
		"Null": {"kms:RecipientAttestation:ImageSha384": "false"},
	})])
	control.status == "PASS" with input as inp
}
