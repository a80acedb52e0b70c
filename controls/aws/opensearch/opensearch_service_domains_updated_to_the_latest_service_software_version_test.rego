package parapet.aws.opensearch.opensearch_service_domains_updated_to_the_latest_service_software_version_test

import rego.v1

import data.parapet.aws.opensearch.opensearch_service_domains_updated_to_the_latest_service_software_version as control

res(opts) := {"resource": {"name": "search", "attributes": {"ServiceSoftwareOptions": opts}}}

test_current_passes if {
	inp := res({"UpdateAvailable": false, "CurrentVersion": "OpenSearch_2_11_R20240502", "NewVersion": ""})
	control.status == "PASS" with input as inp
	control.reason == "OpenSearch domain search runs the latest service software (OpenSearch_2_11_R20240502)" with input as inp
}

test_update_available_fails if {
	inp := res({"UpdateAvailable": true, "CurrentVersion": "R1", "NewVersion": "R2"})
	control.status == "FAIL" with input as inp
	control.reason == "OpenSearch domain search runs service software R1; R2 is available" with input as inp
}

# Answers without the block (emulators) decide nothing.
test_absent_decides_nothing if not control.status with input as {"resource": {"name": "search", "attributes": {}}}
