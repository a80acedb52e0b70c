package parapet.aws.documentdb.documentdb_cluster_cloudwatch_log_export_test

import rego.v1

import data.parapet.aws.documentdb.documentdb_cluster_cloudwatch_log_export as control

res(exports) := {"resource": {"name": "docs", "attributes": {"EnabledCloudwatchLogsExports": exports}}}

test_both_pass if {
	control.status == "PASS" with input as res(["profiler", "audit"])
	control.reason == "DocumentDB cluster docs exports its audit and profiler logs to CloudWatch Logs" with input as res(["profiler", "audit"])
}

test_audit_only_fails_naming_profiler if {
	control.status == "FAIL" with input as res(["audit"])
	control.reason == "DocumentDB cluster docs does not export its profiler log(s) to CloudWatch Logs" with input as res(["audit"])
}

test_none_fails_naming_both if {
	control.reason == "DocumentDB cluster docs does not export its audit and profiler log(s) to CloudWatch Logs" with input as res(null)
}
