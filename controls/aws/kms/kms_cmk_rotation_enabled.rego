# METADATA
# title: Customer-managed KMS key has automatic rotation enabled
# description: |
#   Checks that automatic rotation of key material is enabled for enabled,
#   customer-managed symmetric encryption keys whose material KMS generated. AWS-managed
#   keys (rotated by AWS), keys that are disabled or pending deletion, and keys that
#   cannot rotate automatically (asymmetric, HMAC, imported material, custom key stores)
#   are skipped.
# custom:
#   id: kms_cmk_rotation_enabled
#   severity: medium
#   service: kms
#   resource_type: AWS::KMS::Key
#   requires: [rotation_enabled, KeyManager, KeySpec, KeyState, Origin]
#   risk: A key used for years protects an ever-growing amount of data with the same material, so a compromise of that material exposes all of it.
#   remediation:
#     text: Enable automatic rotation on the key; older material is kept, so existing ciphertexts still decrypt.
#     cli: aws kms enable-key-rotation --key-id KEY_ID
#     cloudformation: |
#       Key:
#         Type: AWS::KMS::Key
#         Properties:
#           EnableKeyRotation: true
#     terraform: |
#       resource "aws_kms_key" "this" {
#         enable_key_rotation = true
#       }
package parapet.aws.kms.kms_cmk_rotation_enabled

import rego.v1

key := input.resource.attributes

# Why the key is out of scope; the first matching reason wins.
not_applicable := "it is managed by AWS" if {
	key.KeyManager == "AWS"
} else := sprintf("it is in state %v", [key.KeyState]) if {
	key.KeyState != "Enabled"
} else := sprintf("its key spec %v cannot rotate automatically", [key.KeySpec]) if {
	key.KeySpec != "SYMMETRIC_DEFAULT"
} else := sprintf("its key material comes from %v and cannot rotate automatically", [key.Origin]) if {
	# EXTERNAL (imported), AWS_CLOUDHSM and EXTERNAL_KEY_STORE keys have no automatic rotation.
	key.Origin != "AWS_KMS"
}

default status := "FAIL"

status := "SKIPPED" if not_applicable

status := "PASS" if {
	not not_applicable
	key.rotation_enabled == true
}

reason := sprintf("KMS key %s is skipped because %s", [input.resource.name, not_applicable]) if status == "SKIPPED"

reason := sprintf("KMS key %s has automatic rotation enabled", [input.resource.name]) if status == "PASS"

reason := sprintf("KMS key %s does not have automatic rotation enabled", [input.resource.name]) if status == "FAIL"
