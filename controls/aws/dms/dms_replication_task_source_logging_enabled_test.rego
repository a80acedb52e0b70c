package parapet.aws.dms.dms_replication_task_source_logging_enabled_test

import rego.v1

import data.parapet.aws.dms.dms_replication_task_source_logging_enabled as control

res(logging) := {"resource": {"name": "orders", "attributes": {"settings": {"Logging": logging}}}}

full := {"EnableLogging": true, "LogComponents": [
	{"Id": "SOURCE_CAPTURE", "Severity": "LOGGER_SEVERITY_DEFAULT"},
	{"Id": "SOURCE_UNLOAD", "Severity": "LOGGER_SEVERITY_DEBUG"},
]}

test_both_components_pass if {
	control.status == "PASS" with input as res(full)
	control.reason == "DMS replication task orders logs SOURCE_CAPTURE and SOURCE_UNLOAD at default severity or more" with input as res(full)
}

test_logging_off_fails if {
	control.status == "FAIL" with input as res(object.union(full, {"EnableLogging": false}))
	control.reason == "DMS replication task orders has logging off" with input as res(object.union(full, {"EnableLogging": false}))
}

test_low_severity_fails_naming_the_component if {
	low := {"EnableLogging": true, "LogComponents": [
		{"Id": "SOURCE_CAPTURE", "Severity": "LOGGER_SEVERITY_INFO"},
		{"Id": "SOURCE_UNLOAD", "Severity": "LOGGER_SEVERITY_DEFAULT"},
	]}
	control.status == "FAIL" with input as res(low)
	control.reason == "DMS replication task orders does not log SOURCE_CAPTURE at default severity or more" with input as res(low)
}

test_missing_components_fail if control.status == "FAIL" with input as res({"EnableLogging": true, "LogComponents": []})

test_unreadable_settings_decide_nothing if not control.status with input as {"resource": {"name": "orders", "attributes": {"settings": null}}}
