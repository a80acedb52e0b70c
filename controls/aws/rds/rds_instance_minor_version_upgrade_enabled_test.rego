package parapet.aws.rds.rds_instance_minor_version_upgrade_enabled_test

import rego.v1

import data.parapet.aws.rds.rds_instance_minor_version_upgrade_enabled as control

db(auto) := {"resource": {"name": "db1", "attributes": {"DBInstanceIdentifier": "db1", "Engine": "mysql", "AutoMinorVersionUpgrade": auto}}}

test_enabled_passes if {
	control.status == "PASS" with input as db(true)
	control.reason == "DB instance db1 applies minor engine upgrades automatically" with input as db(true)
}

test_disabled_fails if {
	control.status == "FAIL" with input as db(false)
	control.reason == "DB instance db1 does not apply minor engine upgrades automatically" with input as db(false)
}

test_missing_flag_fails if control.status == "FAIL" with input as {"resource": {"name": "db1", "attributes": {}}}
