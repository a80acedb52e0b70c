# METADATA
# title: No customer-managed KMS key is pending deletion
# description: |
#   Checks customer-managed keys for the PendingDeletion state. A key scheduled for
#   deletion can no longer be used, and once the waiting period (7 to 30 days) ends it
#   and every ciphertext under it are gone for good; the finding is the prompt to
#   confirm the deletion is intended while it can still be cancelled.
# custom:
#   id: kms_cmk_not_deleted_unintentionally
#   severity: high
#   service: kms
#   resource_type: AWS::KMS::Key
#   requires: [KeyManager, KeyState]
#   risk: Data encrypted under the key (volumes, snapshots, databases, secrets) becomes permanently unreadable when the deletion completes.
#   remediation:
#     text: If the deletion is not intended, cancel it and re-enable the key; alarm on ScheduleKeyDeletion so the next one is noticed at once.
#     cli: aws kms cancel-key-deletion --key-id KEY_ID && aws kms enable-key --key-id KEY_ID
#     terraform: |
#       resource "aws_kms_key" "this" {
#         deletion_window_in_days = 30
#       }
package parapet.aws.kms.kms_cmk_not_deleted_unintentionally

import rego.v1

key := input.resource.attributes

status := "SKIPPED" if key.KeyManager == "AWS"

status := "FAIL" if {
	key.KeyManager == "CUSTOMER"
	key.KeyState == "PendingDeletion"
}

status := "PASS" if {
	key.KeyManager == "CUSTOMER"
	key.KeyState != "PendingDeletion"
}

reason := sprintf("KMS key %s is managed by AWS and cannot be deleted", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("KMS key %s is scheduled for deletion; confirm it is intended or cancel the deletion", [input.resource.name]) if status == "FAIL"

reason := sprintf("KMS key %s is not scheduled for deletion (state %s)", [input.resource.name, key.KeyState]) if status == "PASS"
