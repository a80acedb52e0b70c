package parapet.aws.networkfirewall.networkfirewall_logging_enabled_test

import rego.v1

import data.parapet.aws.networkfirewall.networkfirewall_logging_enabled as control

fw(logging) := {"resource": {"name": "egress", "attributes": {"logging_configuration": logging}}}

test_logging_passes if {
	inp := fw({"LogDestinationConfigs": [
		{"LogType": "FLOW", "LogDestinationType": "S3", "LogDestination": {"bucketName": "fw"}},
		{"LogType": "ALERT", "LogDestinationType": "CloudWatchLogs", "LogDestination": {"logGroup": "fw"}},
	]})
	control.status == "PASS" with input as inp
	control.reason == "firewall egress logs ALERT, FLOW traffic" with input as inp
}

test_empty_configuration_fails if {
	control.status == "FAIL" with input as fw({"LogDestinationConfigs": []})
	control.reason == "firewall egress has no log destination" with input as fw({"LogDestinationConfigs": []})
}

test_absent_configuration_fails if control.status == "FAIL" with input as fw(null)
