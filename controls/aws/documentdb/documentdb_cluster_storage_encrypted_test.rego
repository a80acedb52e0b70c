package parapet.aws.documentdb.documentdb_cluster_storage_encrypted_test

import rego.v1

import data.parapet.aws.documentdb.documentdb_cluster_storage_encrypted as control

res(attrs) := {"resource": {"name": "graph", "attributes": attrs}}

test_encrypted_passes if {
	control.status == "PASS" with input as res({"StorageEncrypted": true})
	control.reason == "DocumentDB cluster graph has encrypted storage" with input as res({"StorageEncrypted": true})
}

test_plain_fails if {
	control.status == "FAIL" with input as res({"StorageEncrypted": false})
	control.reason == "DocumentDB cluster graph does not have encrypted storage" with input as res({"StorageEncrypted": false})
}

test_unknown_decides_nothing if not control.status with input as res({"StorageEncrypted": null})
