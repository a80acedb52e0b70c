package parapet.aws.rds.rds_snapshots_public_access_test

import rego.v1

import data.parapet.aws.rds.rds_snapshots_public_access as control

snap(r) := {"resource": {"name": "db1-final", "attributes": {"restorable_by": r}}}

test_public_fails if {
	control.status == "FAIL" with input as snap(["all"])
	control.reason == "DB snapshot db1-final can be restored by any AWS account" with input as snap(["all", "444455556666"])
}

test_private_passes if control.status == "PASS" with input as snap([])

test_shared_passes_and_names_accounts if {
	control.status == "PASS" with input as snap(["444455556666"])
	control.reason == "DB snapshot db1-final is not public; it is shared with accounts 444455556666" with input as snap(["444455556666"])
}

test_unknown_decides_nothing if not control.status with input as snap(null)
