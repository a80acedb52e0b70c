package parapet.aws.redshift.redshift_cluster_automated_snapshot_test

import rego.v1

import data.parapet.aws.redshift.redshift_cluster_automated_snapshot as control

res(attrs) := {"resource": {"name": "r1", "attributes": attrs}}

test_good_passes if {
	control.status == "PASS" with input as res({"AutomatedSnapshotRetentionPeriod": 7})
	control.reason == "Redshift cluster r1 keeps automated snapshots for 7 day(s)" with input as res({"AutomatedSnapshotRetentionPeriod": 7})
}

test_bad_fails if {
	control.status == "FAIL" with input as res({"AutomatedSnapshotRetentionPeriod": 0})
	control.reason == "Redshift cluster r1 keeps no automated snapshots" with input as res({"AutomatedSnapshotRetentionPeriod": 0})
}

test_unknown_decides_nothing if not control.status with input as res({})

test_text_is_not_a_number if not control.status with input as res({"AutomatedSnapshotRetentionPeriod": "7"})

test_null_decides_nothing if not control.status with input as res({"AutomatedSnapshotRetentionPeriod": null})
