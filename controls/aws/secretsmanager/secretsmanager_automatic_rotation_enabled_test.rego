package parapet.aws.secretsmanager.secretsmanager_automatic_rotation_enabled_test

import rego.v1

import data.parapet.aws.secretsmanager.secretsmanager_automatic_rotation_enabled as control

secret(r) := {"resource": {"name": "db-password", "attributes": {"RotationEnabled": r}}}

test_rotating_passes if control.status == "PASS" with input as secret(true)

test_not_rotating_fails if {
	control.status == "FAIL" with input as secret(false)
	control.reason == "secret db-password does not rotate automatically" with input as secret(false)
}

test_unknown_decides_nothing if not control.status with input as secret(null)
