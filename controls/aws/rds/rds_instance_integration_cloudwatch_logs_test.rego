package parapet.aws.rds.rds_instance_integration_cloudwatch_logs_test

import rego.v1

import data.parapet.aws.rds.rds_instance_integration_cloudwatch_logs as control

db(attrs) := {"resource": {"name": "db1", "attributes": object.union({"Engine": "postgres", "DBClusterIdentifier": null}, attrs)}}

test_good_passes if {
	control.status == "PASS" with input as db({"EnabledCloudwatchLogsExports": ["postgresql", "upgrade"]})
	control.reason == "DB instance db1 exports its logs to CloudWatch Logs" with input as db({"EnabledCloudwatchLogsExports": ["postgresql", "upgrade"]})
}

test_bad_fails if {
	control.status == "FAIL" with input as db({"EnabledCloudwatchLogsExports": []})
	control.reason == "DB instance db1 exports no logs to CloudWatch Logs" with input as db({"EnabledCloudwatchLogsExports": []})
}

test_cluster_member_is_skipped if {
	inp := db(object.union({"EnabledCloudwatchLogsExports": []}, {"Engine": "aurora-mysql", "DBClusterIdentifier": "prod"}))
	control.status == "SKIPPED" with input as inp
	control.reason == "DB instance db1 is out of scope: it belongs to DB cluster prod, which holds this setting" with input as inp
}
