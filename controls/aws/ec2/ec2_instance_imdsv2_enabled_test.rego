package parapet.aws.ec2.ec2_instance_imdsv2_enabled_test

import rego.v1

import data.parapet.aws.ec2.ec2_instance_imdsv2_enabled as control

instance(state, tokens, endpoint) := {"resource": {"name": "i-1", "attributes": {
	"InstanceId": "i-1", "State": {"Name": state},
	"MetadataOptions": {"HttpTokens": tokens, "HttpEndpoint": endpoint},
}}}

test_required_passes if {
	inp := instance("running", "required", "enabled")
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 requires IMDSv2 session tokens" with input as inp
}

test_optional_fails if {
	inp := instance("running", "optional", "enabled")
	control.status == "FAIL" with input as inp
	control.reason == "instance i-1 accepts IMDSv1 requests (HttpTokens is optional)" with input as inp
}

test_stopped_instance_still_checked if control.status == "FAIL" with input as instance("stopped", "optional", "enabled")

test_endpoint_disabled_passes if {
	inp := instance("running", "optional", "disabled")
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 has its metadata service disabled" with input as inp
}

test_terminated_skipped if {
	inp := instance("terminated", "optional", "enabled")
	control.status == "SKIPPED" with input as inp
	control.reason == "instance i-1 is terminated" with input as inp
}

test_shutting_down_skipped if control.status == "SKIPPED" with input as instance("shutting-down", "optional", "enabled")

test_missing_metadata_options_undecided if {
	not control.status with input as {"resource": {"name": "i-1", "attributes": {"State": {"Name": "running"}}}}
}
