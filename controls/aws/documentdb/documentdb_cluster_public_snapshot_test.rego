package parapet.aws.documentdb.documentdb_cluster_public_snapshot_test

import rego.v1

import data.parapet.aws.documentdb.documentdb_cluster_public_snapshot as control

res(restorable) := {"resource": {"name": "snap", "attributes": {"restorable_by": restorable}}}

test_private_passes if {
	control.status == "PASS" with input as res([])
	control.reason == "DocumentDB cluster snapshot snap is not public" with input as res([])
}

test_public_fails if {
	control.status == "FAIL" with input as res(["all"])
	control.reason == "DocumentDB cluster snapshot snap can be restored by any AWS account" with input as res(["all"])
}

test_public_and_named_accounts_fail if control.status == "FAIL" with input as res(["111122223333", "all"])

test_named_accounts_pass_and_are_named if {
	control.status == "PASS" with input as res(["222233334444", "111122223333"])
	control.reason == "DocumentDB cluster snapshot snap is not public; it is shared with accounts 111122223333, 222233334444" with input as res(["222233334444", "111122223333"])
}

test_unreadable_decides_nothing if not control.status with input as res(null)
