package parapet.aws.efs.efs_have_backup_enabled_test

import rego.v1

import data.parapet.aws.efs.efs_have_backup_enabled as control

fs(p) := {"resource": {"name": "shared", "attributes": {"backup_policy": p}}}

test_enabled_passes if control.status == "PASS" with input as fs("ENABLED")

test_disabled_fails if {
	control.status == "FAIL" with input as fs("DISABLED")
	control.reason == "file system shared has automatic backups disabled" with input as fs("DISABLED")
}

test_enabling_is_not_yet_on if control.status == "FAIL" with input as fs("ENABLING")

test_unknown_decides_nothing if not control.status with input as fs(null)
