package parapet.aws.rds.rds_cluster_snapshots_public_access_test

import rego.v1

import data.parapet.aws.rds.rds_cluster_snapshots_public_access as control

snap(r) := {"resource": {"name": "aurora1-final", "attributes": {"restorable_by": r}}}

test_public_fails if {
	control.status == "FAIL" with input as snap(["all"])
	control.reason == "DB cluster snapshot aurora1-final can be restored by any AWS account" with input as snap(["444455556666", "all"])
}

test_private_passes if {
	control.status == "PASS" with input as snap([])
	control.reason == "DB cluster snapshot aurora1-final is not public" with input as snap([])
}

test_shared_passes_and_names_accounts if {
	inp := snap(["444455556666", "111122223333"])
	control.status == "PASS" with input as inp
	control.reason == "DB cluster snapshot aurora1-final is not public; it is shared with accounts 111122223333, 444455556666" with input as inp
}

# The attribute call failed: the collector leaves restorable_by null and nothing is decided.
test_unknown_decides_nothing if not control.status with input as snap(null)
