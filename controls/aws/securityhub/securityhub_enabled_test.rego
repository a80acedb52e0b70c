package parapet.aws.securityhub.securityhub_enabled_test

import rego.v1

import data.parapet.aws.securityhub.securityhub_enabled as control

hub(attrs) := {"resource": {"name": "hub", "region": "ap-south-1", "account_id": "111122223333", "attributes": attrs}}

test_enabled_passes if {
	inp := hub({"enabled": true, "HubArn": "arn:aws:securityhub:ap-south-1:111122223333:hub/default", "SubscribedAt": "2024-01-01T00:00:00Z"})
	control.status == "PASS" with input as inp
}

test_disabled_fails if {
	control.status == "FAIL" with input as hub({"enabled": false, "HubArn": null, "SubscribedAt": null})
}

test_missing_flag_fails if {
	control.status == "FAIL" with input as hub({})
}

test_reason_names_region if {
	r := control.reason with input as hub({"enabled": false})
	contains(r, "ap-south-1")
	control.reason with input as hub({"enabled": true})
}
