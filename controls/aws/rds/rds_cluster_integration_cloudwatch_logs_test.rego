package parapet.aws.rds.rds_cluster_integration_cloudwatch_logs_test

import rego.v1

import data.parapet.aws.rds.rds_cluster_integration_cloudwatch_logs as control

cluster(attrs) := {"resource": {"name": "prod", "attributes": object.union({"Engine": "aurora-postgresql"}, attrs)}}

test_good_passes if {
	control.status == "PASS" with input as cluster({"EnabledCloudwatchLogsExports": ["postgresql"]})
	control.reason == "DB cluster prod exports its logs to CloudWatch Logs" with input as cluster({"EnabledCloudwatchLogsExports": ["postgresql"]})
}

test_bad_fails if {
	control.status == "FAIL" with input as cluster({"EnabledCloudwatchLogsExports": []})
	control.reason == "DB cluster prod exports no logs to CloudWatch Logs" with input as cluster({"EnabledCloudwatchLogsExports": []})
}

test_multi_az_db_cluster_is_judged if control.status == "FAIL" with input as cluster(object.union({"EnabledCloudwatchLogsExports": []}, {"Engine": "mysql"}))

test_documentdb_is_skipped if {
	inp := cluster(object.union({"EnabledCloudwatchLogsExports": []}, {"Engine": "docdb"}))
	control.status == "SKIPPED" with input as inp
	control.reason == "cluster prod runs docdb, which is not an RDS engine" with input as inp
}
