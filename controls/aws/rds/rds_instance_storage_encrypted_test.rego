package parapet.aws.rds.rds_instance_storage_encrypted_test

import rego.v1

import data.parapet.aws.rds.rds_instance_storage_encrypted as control

db(encrypted) := {"resource": {"name": "db1", "attributes": {"DBInstanceIdentifier": "db1", "Engine": "postgres", "StorageEncrypted": encrypted}}}

test_encrypted_passes if {
	control.status == "PASS" with input as db(true)
	control.reason == "DB instance db1 has encrypted storage" with input as db(true)
}

test_unencrypted_fails if {
	control.status == "FAIL" with input as db(false)
	control.reason == "DB instance db1 does not have encrypted storage" with input as db(false)
}

test_missing_flag_fails if control.status == "FAIL" with input as {"resource": {"name": "db1", "attributes": {}}}
