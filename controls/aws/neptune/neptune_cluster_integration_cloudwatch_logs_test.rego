package parapet.aws.neptune.neptune_cluster_integration_cloudwatch_logs_test

import rego.v1

import data.parapet.aws.neptune.neptune_cluster_integration_cloudwatch_logs as control

res(exports) := {"resource": {"name": "graph", "attributes": {"EnabledCloudwatchLogsExports": exports}}}

test_audit_passes if {
	control.status == "PASS" with input as res(["audit"])
	startswith(control.reason, "Neptune cluster graph exports its audit log") with input as res(["audit"])
}

test_none_fails if {
	control.status == "FAIL" with input as res([])
	control.reason == "Neptune cluster graph does not export its audit log to CloudWatch Logs" with input as res([])
}

test_other_log_types_fail if control.status == "FAIL" with input as res(["slowquery"])

# The API omits the list when nothing is exported.
test_absent_list_fails if control.status == "FAIL" with input as res(null)
