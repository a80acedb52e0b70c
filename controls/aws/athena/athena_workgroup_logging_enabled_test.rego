package parapet.aws.athena.athena_workgroup_logging_enabled_test

import rego.v1

import data.parapet.aws.athena.athena_workgroup_logging_enabled as control

wg(config) := {"resource": {"name": "analysts", "attributes": {"Configuration": config}}}

test_metrics_pass if control.status == "PASS" with input as wg({"PublishCloudWatchMetricsEnabled": true})

test_no_metrics_fail if {
	control.status == "FAIL" with input as wg({"PublishCloudWatchMetricsEnabled": false})
	control.reason == "workgroup analysts publishes no query metrics" with input as wg({})
}
