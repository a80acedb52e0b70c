# METADATA
# title: KMS key does not accept debug-mode enclaves
# description: |
#   For keys whose policy uses Nitro Enclaves attestation, checks that no expected
#   measurement is all zeros. An enclave started in debug mode reports zeroed PCRs, and
#   its memory and console can be read from the parent instance, so a policy that expects
#   zeros hands key material to an enclave that protects nothing.
# custom:
#   id: kms_key_enclave_debug_attestation_detected
#   severity: critical
#   service: kms
#   resource_type: AWS::KMS::Key
#   requires: [policy]
#   risk: Key material is released into a debug enclave whose memory the parent instance can read.
#   remediation:
#     text: Replace the zero measurements with those of the production enclave image and run enclaves without --debug-mode.
#     cli: aws kms put-key-policy --key-id KEY_ID --policy-name default --policy file://attested-policy.json
package parapet.aws.kms.kms_key_enclave_debug_attestation_detected

import rego.v1

import data.parapet.lib.kms

status := "SKIPPED" if not kms.key_uses_attestation

reason := sprintf("KMS key %s has no Nitro Enclaves attestation condition in its policy", [input.resource.name]) if status == "SKIPPED"

debug_statements := sort({kms.label(st) |
	some e in kms.key_enclave_statements
	st := e.st
	some t in e.tests
	some v in t.values
	is_string(v)
	kms.debug_measurement(v)
})

status := "PASS" if {
	kms.key_uses_attestation
	count(debug_statements) == 0
}

status := "FAIL" if {
	kms.key_uses_attestation
	count(debug_statements) > 0
}

reason := sprintf("KMS key %s expects no debug-mode (all-zero) enclave measurement", [input.resource.name]) if status == "PASS"

reason := sprintf("KMS key %s accepts debug-mode enclaves (all-zero measurements) in %s", [input.resource.name, concat(", ", debug_statements)]) if status == "FAIL"
