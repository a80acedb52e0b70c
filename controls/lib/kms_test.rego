package parapet.lib.kms_test

import rego.v1

import data.parapet.lib.kms

image := concat("", ["ab" | some _ in numbers.range(1, 48)])

enclave := {
	"Sid": "Enclave",
	"Effect": "Allow",
	"Principal": {"AWS": "arn:aws:iam::111122223333:role/parent"},
	"Action": "kms:Decrypt",
	"Resource": "*",
	"Condition": {"StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": image, "kms:RecipientAttestation:PCR3": image}},
}

test_attestation_tests_are_read_case_insensitively if {
	tests := kms.attestation_tests(enclave)
	count(tests) == 2
	{t.measure | some t in tests} == {"imagesha384", "pcr3"}
}

test_statements_without_conditions_have_no_tests if kms.attestation_tests({"Effect": "Allow", "Action": "kms:*"}) == []

test_uses_attestation if {
	kms.uses_attestation({"Statement": [enclave]})
	not kms.uses_attestation({"Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]})
	not kms.uses_attestation(null)
}

test_pinned_measures if kms.pinned_measures(enclave) == {"imagesha384", "pcr3"}

test_if_exists_and_wildcards_do_not_pin if {
	loose := {"Effect": "Allow", "Action": "kms:Decrypt", "Condition": {
		"StringEqualsIgnoreCaseIfExists": {"kms:RecipientAttestation:ImageSha384": image},
		"StringLike": {"kms:RecipientAttestation:PCR3": "*"},
	}}
	kms.pinned_measures(loose) == set()
}

test_well_formed_and_debug_values if {
	kms.well_formed(image)
	not kms.well_formed("abc")
	kms.debug_measurement(concat("", ["0" | some _ in numbers.range(1, 96)]))
	not kms.debug_measurement(image)
}

test_root_delegation_is_not_an_unattested_grant if {
	root := {"Sid": "IAM", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}
	kms.unattested_grants({"Statement": [root, enclave]}, "111122223333") == []
}

test_a_plain_decrypt_grant_is_unattested if {
	plain := {"Sid": "App", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/parent"}, "Action": ["kms:Decrypt"], "Resource": "*"}
	kms.unattested_grants({"Statement": [enclave, plain]}, "111122223333") == [plain]
}

test_other_accounts_root_is_unattested if {
	foreign := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:*", "Resource": "*"}
	count(kms.unattested_grants({"Statement": [foreign]}, "111122223333")) == 1
}

test_encrypt_only_grants_are_not_counted if {
	enc := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/writer"}, "Action": "kms:Encrypt", "Resource": "*"}
	kms.unattested_grants({"Statement": [enc]}, "111122223333") == []
}

test_labels if {
	kms.label(enclave) == "statement Enclave"
	kms.label({"Effect": "Allow"}) == "a statement without Sid"
}

test_key_enclave_statements_match_the_functions if {
	doc := {"Statement": [enclave, {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}, object.union(enclave, {"Effect": "Deny"})]}
	[e.st | some e in kms.key_enclave_statements] == kms.enclave_statements(doc) with input as {"resource": {"attributes": {"policy": doc}}}
	[e.tests | some e in kms.key_enclave_statements] == [kms.attestation_tests(st) | some st in kms.enclave_statements(doc)] with input as {"resource": {"attributes": {"policy": doc}}}
	kms.key_uses_attestation with input as {"resource": {"attributes": {"policy": doc}}}
	not kms.key_uses_attestation with input as {"resource": {"attributes": {"policy": null}}}
	not kms.key_uses_attestation with input as {"resource": {"attributes": {}}}
}

# ForAllValues is vacuously true when the request has no attestation document.
test_for_all_values_pins_only_with_a_null_guard if {
	bare := {"Effect": "Allow", "Action": "kms:Decrypt", "Condition": {
		"ForAllValues:StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": image},
	}}
	kms.pinned_measures(bare) == set()
	guarded := object.union(bare, {"Condition": {
		"ForAllValues:StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": image},
		"Null": {"kms:RecipientAttestation:ImageSha384": "false"},
	}})
	kms.pinned_measures(guarded) == {"imagesha384"}
	count(kms.attestation_tests(guarded)) == 1
}
