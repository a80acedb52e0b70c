package parapet.aws.rds.rds_instance_multi_az_test

import rego.v1

import data.parapet.aws.rds.rds_instance_multi_az as control

db(attrs) := {"resource": {"name": "db1", "attributes": object.union({"Engine": "postgres", "DBClusterIdentifier": null}, attrs)}}

test_good_passes if {
	control.status == "PASS" with input as db({"MultiAZ": true})
	control.reason == "DB instance db1 is a Multi-AZ deployment" with input as db({"MultiAZ": true})
}

test_bad_fails if {
	control.status == "FAIL" with input as db({"MultiAZ": false})
	control.reason == "DB instance db1 runs in a single Availability Zone" with input as db({"MultiAZ": false})
}

test_cluster_member_is_skipped if {
	inp := db(object.union({"MultiAZ": false}, {"Engine": "aurora-mysql", "DBClusterIdentifier": "prod"}))
	control.status == "SKIPPED" with input as inp
	control.reason == "DB instance db1 is out of scope: it belongs to DB cluster prod, which holds this setting" with input as inp
}
