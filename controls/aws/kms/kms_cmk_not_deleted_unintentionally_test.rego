package parapet.aws.kms.kms_cmk_not_deleted_unintentionally_test

import rego.v1

import data.parapet.aws.kms.kms_cmk_not_deleted_unintentionally as control

key(manager, state) := {"resource": {"name": "app", "attributes": {"KeyManager": manager, "KeyState": state}}}

test_pending_deletion_fails if {
	control.status == "FAIL" with input as key("CUSTOMER", "PendingDeletion")
	control.reason == "KMS key app is scheduled for deletion; confirm it is intended or cancel the deletion" with input as key("CUSTOMER", "PendingDeletion")
}

test_enabled_passes if control.status == "PASS" with input as key("CUSTOMER", "Enabled")

# Disabled is a reversible state, not a deletion.
test_disabled_passes if {
	control.status == "PASS" with input as key("CUSTOMER", "Disabled")
	control.reason == "KMS key app is not scheduled for deletion (state Disabled)" with input as key("CUSTOMER", "Disabled")
}

test_aws_managed_is_skipped if control.status == "SKIPPED" with input as key("AWS", "Enabled")
