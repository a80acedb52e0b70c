# METADATA
# title: KMS key enforces Nitro Enclaves attestation
# description: |
#   For keys whose policy uses Nitro Enclaves attestation, checks that every attestation
#   test is enforced: a test under an ...IfExists operator also passes requests that carry
#   no attestation document at all, and a negated operator admits every enclave but the
#   listed ones. Keys without attestation conditions are skipped.
# custom:
#   id: kms_key_enclave_attestation_not_enforced
#   severity: high
#   service: kms
#   resource_type: AWS::KMS::Key
#   requires: [policy]
#   risk: The parent instance, or any caller the statement names, can obtain plaintext key material outside the enclave.
#   remediation:
#     text: Use StringEqualsIgnoreCase (not ...IfExists or negated operators) for every kms:RecipientAttestation condition.
#     cli: aws kms put-key-policy --key-id KEY_ID --policy-name default --policy file://attested-policy.json
package parapet.aws.kms.kms_key_enclave_attestation_not_enforced

import rego.v1

import data.parapet.lib.kms

status := "SKIPPED" if not kms.key_uses_attestation

reason := sprintf("KMS key %s has no Nitro Enclaves attestation condition in its policy", [input.resource.name]) if status == "SKIPPED"

weak := sort({sprintf("%s (%s)", [kms.label(st), t.operator]) |
	some e in kms.key_enclave_statements
	st := e.st
	some t in e.tests
	kms.weak_test(t)
})

status := "PASS" if {
	kms.key_uses_attestation
	count(weak) == 0
}

status := "FAIL" if {
	kms.key_uses_attestation
	count(weak) > 0
}

reason := sprintf("KMS key %s enforces attestation in every enclave statement", [input.resource.name]) if status == "PASS"

reason := sprintf("KMS key %s does not enforce attestation in %s", [input.resource.name, concat(", ", weak)]) if status == "FAIL"
