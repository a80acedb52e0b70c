package parapet.aws.config.config_recorder_all_regions_enabled_test

import rego.v1

import data.parapet.aws.config.config_recorder_all_regions_enabled as control

region(recorders) := {"resource": {
	"name": "recorders", "region": "eu-west-1", "account_id": "111122223333",
	"attributes": {"recorders": recorders},
}}

recorder(recording, last) := {
	"name": "default", "recording": recording, "last_status": last,
	"all_supported": true, "include_global_resource_types": true,
}

test_recording_successfully_passes if {
	control.status == "PASS" with input as region([recorder(true, "Success")])
}

# A recorder that was just started has not reported a result yet.
test_recording_pending_or_never_run_passes if {
	control.status == "PASS" with input as region([recorder(true, "Pending")])
	control.status == "PASS" with input as region([recorder(true, null)])
}

test_no_recorder_fails if {
	inp := region([])
	control.status == "FAIL" with input as inp
	contains(control.reason, "eu-west-1") with input as inp
	contains(control.reason, "no AWS Config") with input as inp
}

test_null_recorders_fails if {
	control.status == "FAIL" with input as region(null)
}

test_stopped_recorder_fails if {
	inp := region([recorder(false, "Success")])
	control.status == "FAIL" with input as inp
	contains(control.reason, "not recording") with input as inp
}

test_failing_recorder_fails if {
	inp := region([recorder(true, "Failure")])
	control.status == "FAIL" with input as inp
	contains(control.reason, "failed") with input as inp
}

test_reason_names_region if {
	r := control.reason with input as region([recorder(true, "Success")])
	contains(r, "eu-west-1")
}
