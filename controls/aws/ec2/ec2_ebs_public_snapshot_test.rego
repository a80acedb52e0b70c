package parapet.aws.ec2.ec2_ebs_public_snapshot_test

import rego.v1

import data.parapet.aws.ec2.ec2_ebs_public_snapshot as control

snap(public, shared) := {"resource": {"name": "snap-1", "attributes": {"public": public, "shared_with": shared}}}

test_public_fails if {
	control.status == "FAIL" with input as snap(true, [])
	control.reason == "snapshot snap-1 can be restored by any AWS account" with input as snap(true, [])
}

test_private_passes if {
	control.status == "PASS" with input as snap(false, [])
	control.reason == "snapshot snap-1 is not public" with input as snap(false, [])
}

test_shared_with_accounts_passes_and_names_them if {
	inp := snap(false, ["444455556666", "222233334444"])
	control.status == "PASS" with input as inp
	control.reason == "snapshot snap-1 is not public; it is shared with accounts 222233334444, 444455556666" with input as inp
}

test_unknown_decides_nothing if not control.status with input as snap(null, null)
