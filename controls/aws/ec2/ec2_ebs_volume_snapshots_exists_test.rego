package parapet.aws.ec2.ec2_ebs_volume_snapshots_exists_test

import rego.v1

import data.parapet.aws.ec2.ec2_ebs_volume_snapshots_exists as control

volume(n) := {"resource": {"name": "vol-1", "attributes": {"snapshot_count": n}}}

test_snapshot_passes if {
	control.status == "PASS" with input as volume(3)
	control.reason == "volume vol-1 has 3 snapshots" with input as volume(3)
}

test_none_fails if {
	control.status == "FAIL" with input as volume(0)
	control.reason == "volume vol-1 has no snapshot" with input as volume(0)
}

# The snapshot listing failed: unknown is not zero.
test_unknown_decides_nothing if not control.status with input as volume(null)
