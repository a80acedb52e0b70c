package parapet.aws.rds.rds_instance_copy_tags_to_snapshots_test

import rego.v1

import data.parapet.aws.rds.rds_instance_copy_tags_to_snapshots as control

db(attrs) := {"resource": {"name": "db1", "attributes": object.union({"Engine": "postgres", "DBClusterIdentifier": null}, attrs)}}

test_good_passes if {
	control.status == "PASS" with input as db({"CopyTagsToSnapshot": true})
	control.reason == "DB instance db1 copies its tags to snapshots" with input as db({"CopyTagsToSnapshot": true})
}

test_bad_fails if {
	control.status == "FAIL" with input as db({"CopyTagsToSnapshot": false})
	control.reason == "DB instance db1 does not copy its tags to snapshots" with input as db({"CopyTagsToSnapshot": false})
}

test_cluster_member_is_skipped if {
	inp := db(object.union({"CopyTagsToSnapshot": false}, {"Engine": "aurora-mysql", "DBClusterIdentifier": "prod"}))
	control.status == "SKIPPED" with input as inp
	control.reason == "DB instance db1 is out of scope: it belongs to DB cluster prod, which holds this setting" with input as inp
}
