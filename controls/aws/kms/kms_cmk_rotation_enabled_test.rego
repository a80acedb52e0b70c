package parapet.aws.kms.kms_cmk_rotation_enabled_test

import rego.v1

import data.parapet.aws.kms.kms_cmk_rotation_enabled as control

key(overrides) := {"resource": {"name": "k1", "attributes": object.union(
	{
		"KeyId": "k1", "KeyManager": "CUSTOMER", "KeyState": "Enabled",
		"KeySpec": "SYMMETRIC_DEFAULT", "KeyUsage": "ENCRYPT_DECRYPT", "Origin": "AWS_KMS",
		"rotation_enabled": true,
	},
	overrides,
)}}

test_rotating_key_passes if {
	control.status == "PASS" with input as key({})
	control.reason == "KMS key k1 has automatic rotation enabled" with input as key({})
}

test_not_rotating_fails if {
	control.status == "FAIL" with input as key({"rotation_enabled": false})
	control.reason == "KMS key k1 does not have automatic rotation enabled" with input as key({"rotation_enabled": false})
}

test_null_rotation_on_rotatable_key_fails if control.status == "FAIL" with input as key({"rotation_enabled": null})

test_aws_managed_skipped if {
	inp := key({"KeyManager": "AWS", "rotation_enabled": true})
	control.status == "SKIPPED" with input as inp
	control.reason == "KMS key k1 is skipped because it is managed by AWS" with input as inp
}

test_disabled_key_skipped if {
	inp := key({"KeyState": "Disabled", "rotation_enabled": false})
	control.status == "SKIPPED" with input as inp
	control.reason == "KMS key k1 is skipped because it is in state Disabled" with input as inp
}

test_pending_deletion_skipped if control.status == "SKIPPED" with input as key({"KeyState": "PendingDeletion", "rotation_enabled": false})

test_asymmetric_skipped if {
	inp := key({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY", "rotation_enabled": null})
	control.status == "SKIPPED" with input as inp
	control.reason == "KMS key k1 is skipped because its key spec RSA_2048 cannot rotate automatically" with input as inp
}

test_hmac_skipped if control.status == "SKIPPED" with input as key({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC", "rotation_enabled": null})

test_imported_material_skipped if {
	inp := key({"Origin": "EXTERNAL", "rotation_enabled": null})
	control.status == "SKIPPED" with input as inp
	control.reason == "KMS key k1 is skipped because its key material comes from EXTERNAL and cannot rotate automatically" with input as inp
}

test_custom_key_store_skipped if control.status == "SKIPPED" with input as key({"Origin": "AWS_CLOUDHSM", "rotation_enabled": null})
