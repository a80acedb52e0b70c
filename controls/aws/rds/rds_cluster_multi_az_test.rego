package parapet.aws.rds.rds_cluster_multi_az_test

import rego.v1

import data.parapet.aws.rds.rds_cluster_multi_az as control

cluster(attrs) := {"resource": {"name": "prod", "attributes": object.union({"Engine": "aurora-postgresql"}, attrs)}}

test_good_passes if {
	control.status == "PASS" with input as cluster({"MultiAZ": true})
	control.reason == "DB cluster prod has instances in several Availability Zones" with input as cluster({"MultiAZ": true})
}

test_bad_fails if {
	control.status == "FAIL" with input as cluster({"MultiAZ": false})
	control.reason == "DB cluster prod has all its instances in one Availability Zone" with input as cluster({"MultiAZ": false})
}

test_multi_az_db_cluster_is_judged if control.status == "FAIL" with input as cluster(object.union({"MultiAZ": false}, {"Engine": "mysql"}))

test_documentdb_is_skipped if {
	inp := cluster(object.union({"MultiAZ": false}, {"Engine": "docdb"}))
	control.status == "SKIPPED" with input as inp
	control.reason == "cluster prod runs docdb, which is not an RDS engine" with input as inp
}
