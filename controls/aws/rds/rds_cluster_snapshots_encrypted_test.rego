package parapet.aws.rds.rds_cluster_snapshots_encrypted_test

import rego.v1

import data.parapet.aws.rds.rds_cluster_snapshots_encrypted as control

snap(e) := {"resource": {"name": "aurora1-final", "attributes": {"StorageEncrypted": e}}}

test_encrypted_passes if {
	control.status == "PASS" with input as snap(true)
	control.reason == "DB cluster snapshot aurora1-final is encrypted" with input as snap(true)
}

test_unencrypted_fails if {
	control.status == "FAIL" with input as snap(false)
	control.reason == "DB cluster snapshot aurora1-final is not encrypted" with input as snap(false)
}

# A string is not a verdict: only the API's boolean decides.
test_string_value_decides_nothing if not control.status with input as snap("false")

test_unknown_decides_nothing if not control.status with input as snap(null)
