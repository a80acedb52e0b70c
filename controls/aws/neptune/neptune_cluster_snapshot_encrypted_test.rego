package parapet.aws.neptune.neptune_cluster_snapshot_encrypted_test

import rego.v1

import data.parapet.aws.neptune.neptune_cluster_snapshot_encrypted as control

res(attrs) := {"resource": {"name": "snap", "attributes": attrs}}

test_encrypted_passes if {
	control.status == "PASS" with input as res({"StorageEncrypted": true})
	control.reason == "Neptune cluster snapshot snap is encrypted" with input as res({"StorageEncrypted": true})
}

test_plain_fails if {
	control.status == "FAIL" with input as res({"StorageEncrypted": false})
	control.reason == "Neptune cluster snapshot snap is not encrypted" with input as res({"StorageEncrypted": false})
}

test_unknown_decides_nothing if not control.status with input as res({})
