package parapet.aws.rds.rds_instance_iam_authentication_enabled_test

import rego.v1

import data.parapet.aws.rds.rds_instance_iam_authentication_enabled as control

db(attrs) := {"resource": {"name": "db1", "attributes": object.union({"Engine": "postgres", "DBClusterIdentifier": null}, attrs)}}

test_good_passes if {
	control.status == "PASS" with input as db({"IAMDatabaseAuthenticationEnabled": true})
	control.reason == "DB instance db1 accepts IAM database authentication" with input as db({"IAMDatabaseAuthenticationEnabled": true})
}

test_bad_fails if {
	control.status == "FAIL" with input as db({"IAMDatabaseAuthenticationEnabled": false})
	control.reason == "DB instance db1 does not accept IAM database authentication" with input as db({"IAMDatabaseAuthenticationEnabled": false})
}

test_cluster_member_is_skipped if {
	inp := db(object.union({"IAMDatabaseAuthenticationEnabled": false}, {"Engine": "aurora-mysql", "DBClusterIdentifier": "prod"}))
	control.status == "SKIPPED" with input as inp
	control.reason == "DB instance db1 is out of scope: it belongs to DB cluster prod, which holds this setting" with input as inp
}

test_engine_without_iam_auth_is_skipped if {
	inp := db({"Engine": "sqlserver-se", "IAMDatabaseAuthenticationEnabled": false})
	control.status == "SKIPPED" with input as inp
	control.reason == "DB instance db1 is out of scope: engine sqlserver-se does not support IAM database authentication" with input as inp
}
