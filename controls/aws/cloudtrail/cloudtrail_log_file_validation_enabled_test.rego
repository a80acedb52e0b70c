package parapet.aws.cloudtrail.cloudtrail_log_file_validation_enabled_test

import rego.v1

import data.parapet.aws.cloudtrail.cloudtrail_log_file_validation_enabled as control

trail(attrs) := {"resource": {"name": "main", "attributes": attrs}}

test_enabled_passes if {
	control.status == "PASS" with input as trail({"LogFileValidationEnabled": true})
}

test_disabled_fails if {
	control.status == "FAIL" with input as trail({"LogFileValidationEnabled": false})
}

test_missing_flag_fails if {
	control.status == "FAIL" with input as trail({})
}

test_reason_names_trail if {
	contains(control.reason, "main") with input as trail({"LogFileValidationEnabled": true})
	contains(control.reason, "main") with input as trail({"LogFileValidationEnabled": false})
}
