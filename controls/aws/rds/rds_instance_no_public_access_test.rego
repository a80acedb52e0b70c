package parapet.aws.rds.rds_instance_no_public_access_test

import rego.v1

import data.parapet.aws.rds.rds_instance_no_public_access as control

db(public) := {"resource": {"name": "db1", "attributes": {"DBInstanceIdentifier": "db1", "Engine": "postgres", "PubliclyAccessible": public}}}

test_private_passes if {
	control.status == "PASS" with input as db(false)
	control.reason == "DB instance db1 is not publicly accessible" with input as db(false)
}

test_public_fails if {
	control.status == "FAIL" with input as db(true)
	control.reason == "DB instance db1 is publicly accessible" with input as db(true)
}

test_missing_flag_fails if {
	inp := {"resource": {"name": "db1", "attributes": {}}}
	control.status == "FAIL" with input as inp
	control.reason == "DB instance db1 does not report whether it is publicly accessible" with input as inp
}
