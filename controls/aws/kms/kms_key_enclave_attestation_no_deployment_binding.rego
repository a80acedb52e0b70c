# METADATA
# title: KMS key binds enclave attestation to a deployment
# description: |
#   For keys whose policy uses Nitro Enclaves attestation, checks that every enclave
#   statement also pins where or by whom the enclave runs: PCR3 (the parent instance's IAM
#   role), PCR4 (the parent instance) or PCR8 (the certificate that signed the image).
#   Image measurements alone admit a copy of the image started anywhere.
# custom:
#   id: kms_key_enclave_attestation_no_deployment_binding
#   severity: medium
#   service: kms
#   resource_type: AWS::KMS::Key
#   requires: [policy]
#   risk: A copy of the approved image run on another instance or account's infrastructure can receive the key material.
#   remediation:
#     text: Add kms:RecipientAttestation:PCR3 (the parent role's measurement) or PCR8 (the signing certificate's) to each enclave statement.
#     cli: aws kms put-key-policy --key-id KEY_ID --policy-name default --policy file://attested-policy.json
package parapet.aws.kms.kms_key_enclave_attestation_no_deployment_binding

import rego.v1

import data.parapet.lib.kms

status := "SKIPPED" if not kms.key_uses_attestation

reason := sprintf("KMS key %s has no Nitro Enclaves attestation condition in its policy", [input.resource.name]) if status == "SKIPPED"

unbound := sort({kms.label(st) |
	some e in kms.key_enclave_statements
	st := e.st
	count(kms.pinned_measures(st) & {"pcr3", "pcr4", "pcr8"}) == 0
})

status := "PASS" if {
	kms.key_uses_attestation
	count(unbound) == 0
}

status := "FAIL" if {
	kms.key_uses_attestation
	count(unbound) > 0
}

reason := sprintf("KMS key %s binds every enclave statement to a role, instance or signing certificate", [input.resource.name]) if status == "PASS"

reason := sprintf("KMS key %s pins only the image, not the deployment, in %s", [input.resource.name, concat(", ", unbound)]) if status == "FAIL"
