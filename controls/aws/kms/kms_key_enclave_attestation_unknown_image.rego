# METADATA
# title: KMS key with enclave attestation pins the enclave image
# description: |
#   For keys whose policy uses Nitro Enclaves attestation, checks that every enclave
#   statement pins the enclave image: kms:RecipientAttestation:ImageSha384 or PCR0 with
#   concrete values (no wildcards, no ...IfExists or negated operators). A statement that
#   only pins, say, the parent's role accepts any image running there.
# custom:
#   id: kms_key_enclave_attestation_unknown_image
#   severity: high
#   service: kms
#   resource_type: AWS::KMS::Key
#   requires: [policy]
#   risk: Any enclave image, including one built by an attacker, can receive the key material.
#   remediation:
#     text: Add kms:RecipientAttestation:ImageSha384 (or PCR0) with the measurement of the approved enclave image file to each enclave statement.
#     cli: aws kms put-key-policy --key-id KEY_ID --policy-name default --policy file://attested-policy.json
package parapet.aws.kms.kms_key_enclave_attestation_unknown_image

import rego.v1

import data.parapet.lib.kms

status := "SKIPPED" if not kms.key_uses_attestation

reason := sprintf("KMS key %s has no Nitro Enclaves attestation condition in its policy", [input.resource.name]) if status == "SKIPPED"

unpinned := sort({kms.label(st) |
	some e in kms.key_enclave_statements
	st := e.st
	count(kms.pinned_measures(st) & {"imagesha384", "pcr0"}) == 0
})

status := "PASS" if {
	kms.key_uses_attestation
	count(unpinned) == 0
}

status := "FAIL" if {
	kms.key_uses_attestation
	count(unpinned) > 0
}

reason := sprintf("KMS key %s releases key material only to pinned enclave images", [input.resource.name]) if status == "PASS"

reason := sprintf("KMS key %s accepts any enclave image in %s", [input.resource.name, concat(", ", unpinned)]) if status == "FAIL"
