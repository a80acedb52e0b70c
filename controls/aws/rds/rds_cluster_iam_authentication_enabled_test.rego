package parapet.aws.rds.rds_cluster_iam_authentication_enabled_test

import rego.v1

import data.parapet.aws.rds.rds_cluster_iam_authentication_enabled as control

cluster(attrs) := {"resource": {"name": "prod", "attributes": object.union({"Engine": "aurora-postgresql"}, attrs)}}

test_good_passes if {
	control.status == "PASS" with input as cluster({"IAMDatabaseAuthenticationEnabled": true})
	control.reason == "DB cluster prod accepts IAM database authentication" with input as cluster({"IAMDatabaseAuthenticationEnabled": true})
}

test_bad_fails if {
	control.status == "FAIL" with input as cluster({"IAMDatabaseAuthenticationEnabled": false})
	control.reason == "DB cluster prod does not accept IAM database authentication" with input as cluster({"IAMDatabaseAuthenticationEnabled": false})
}

test_multi_az_db_cluster_is_judged if control.status == "FAIL" with input as cluster(object.union({"IAMDatabaseAuthenticationEnabled": false}, {"Engine": "mysql"}))

test_documentdb_is_skipped if {
	inp := cluster(object.union({"IAMDatabaseAuthenticationEnabled": false}, {"Engine": "docdb"}))
	control.status == "SKIPPED" with input as inp
	control.reason == "cluster prod runs docdb, which is not an RDS engine" with input as inp
}
