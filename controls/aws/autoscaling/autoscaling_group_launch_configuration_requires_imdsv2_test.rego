package parapet.aws.autoscaling.autoscaling_group_launch_configuration_requires_imdsv2_test

import rego.v1

import data.parapet.aws.autoscaling.autoscaling_group_launch_configuration_requires_imdsv2 as control

group(config) := {"resource": {"name": "web", "attributes": {"launch_configuration": config}}}

test_required_tokens_pass if {
	inp := group({"LaunchConfigurationName": "web-v2", "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"}})
	control.status == "PASS" with input as inp
	control.reason == "group web launches instances that require IMDSv2 (web-v2)" with input as inp
	control.status == "PASS" with input as group({"LaunchConfigurationName": "x", "MetadataOptions": {"HttpTokens": "optional", "HttpEndpoint": "disabled"}})
}

test_optional_or_unset_fails if {
	inp := group({"LaunchConfigurationName": "web-v1", "MetadataOptions": {"HttpTokens": "optional"}})
	control.status == "FAIL" with input as inp
	control.reason == "group web launches instances from web-v1, which accept IMDSv1" with input as inp
	# Launch configurations created without metadata options default to IMDSv1 allowed.
	control.status == "FAIL" with input as group({"LaunchConfigurationName": "old", "MetadataOptions": null})
}

test_launch_template_group_skipped if control.status == "SKIPPED" with input as group(null)
