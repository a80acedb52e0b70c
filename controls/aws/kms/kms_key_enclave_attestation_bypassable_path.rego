# METADATA
# title: KMS key with enclave attestation has no unattested decrypt path
# description: |
#   For keys whose policy uses Nitro Enclaves attestation, checks that no other Allow
#   statement grants Decrypt, GenerateDataKey, GenerateDataKeyPair, GenerateRandom or
#   DeriveSharedSecret without an attestation test: such a statement lets its principals
#   get plaintext without going through the enclave. The account root statement that
#   delegates to IAM policies is not counted (IAM policies are judged by the IAM
#   controls).
# custom:
#   id: kms_key_enclave_attestation_bypassable_path
#   severity: high
#   service: kms
#   resource_type: AWS::KMS::Key
#   requires: [policy]
#   risk: "The attestation requirement can be sidestepped: a principal with the unattested grant decrypts outside the enclave."
#   remediation:
#     text: Remove the decrypt-type actions from statements without attestation conditions, or add the attestation conditions to them.
#     cli: aws kms put-key-policy --key-id KEY_ID --policy-name default --policy file://attested-policy.json
package parapet.aws.kms.kms_key_enclave_attestation_bypassable_path

import rego.v1

import data.parapet.lib.kms

doc := input.resource.attributes.policy

status := "SKIPPED" if not kms.key_uses_attestation

reason := sprintf("KMS key %s has no Nitro Enclaves attestation condition in its policy", [input.resource.name]) if status == "SKIPPED"

bypasses := sort({kms.label(st) | some st in kms.unattested_grants(doc, input.resource.account_id)})

status := "PASS" if {
	kms.key_uses_attestation
	count(bypasses) == 0
}

status := "FAIL" if {
	kms.key_uses_attestation
	count(bypasses) > 0
}

reason := sprintf("KMS key %s releases key material only through attested statements", [input.resource.name]) if status == "PASS"

reason := sprintf("KMS key %s can be used without attestation through %s", [input.resource.name, concat(", ", bypasses)]) if status == "FAIL"
