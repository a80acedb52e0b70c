# METADATA
# title: KMS key enclave attestation values are consistent SHA-384 measurements
# description: |
#   For keys whose policy uses Nitro Enclaves attestation, checks the expected
#   measurements: each must be a SHA-384 value (96 hexadecimal characters), and a
#   statement that pins both ImageSha384 and PCR0, which measure the same image file, must
#   give them a common value. Otherwise no genuine enclave can match (an outage) or the
#   policy was built from the wrong build's measurements.
# custom:
#   id: kms_key_enclave_attestation_pcr_mismatch
#   severity: medium
#   service: kms
#   resource_type: AWS::KMS::Key
#   requires: [policy]
#   risk: Key material is released to no enclave, or to an enclave build other than the one intended.
#   remediation:
#     text: Take the measurements from the enclave build output (nitro-cli build-enclave) and use the same value for ImageSha384 and PCR0.
#     cli: aws kms put-key-policy --key-id KEY_ID --policy-name default --policy file://attested-policy.json
package parapet.aws.kms.kms_key_enclave_attestation_pcr_mismatch

import rego.v1

import data.parapet.lib.kms

status := "SKIPPED" if not kms.key_uses_attestation

reason := sprintf("KMS key %s has no Nitro Enclaves attestation condition in its policy", [input.resource.name]) if status == "SKIPPED"

malformed := sort({v |
	some e in kms.key_enclave_statements
	some t in e.tests
	some v in t.values
	not kms.well_formed(v)
	not contains(v, "*")
})

image_values(st, measure) := {lower(v) | some t in kms.attestation_tests(st); t.measure == measure; some v in t.values; is_string(v)}

mismatched := sort({kms.label(st) |
	some e in kms.key_enclave_statements
	st := e.st
	count(image_values(st, "imagesha384")) > 0
	count(image_values(st, "pcr0")) > 0
	count(image_values(st, "imagesha384") & image_values(st, "pcr0")) == 0
})

status := "PASS" if {
	kms.key_uses_attestation
	count(malformed) + count(mismatched) == 0
}

status := "FAIL" if {
	kms.key_uses_attestation
	count(malformed) + count(mismatched) > 0
}

reason := sprintf("KMS key %s expects well-formed, consistent enclave measurements", [input.resource.name]) if status == "PASS"

reason := sprintf("KMS key %s expects different images in ImageSha384 and PCR0 in %s", [input.resource.name, concat(", ", mismatched)]) if {
	status == "FAIL"
	count(mismatched) > 0
}

reason := sprintf("KMS key %s expects %d measurement value(s) that are not SHA-384 digests", [input.resource.name, count(malformed)]) if {
	status == "FAIL"
	count(mismatched) == 0
}
