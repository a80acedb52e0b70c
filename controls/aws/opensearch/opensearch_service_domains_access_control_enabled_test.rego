package parapet.aws.opensearch.opensearch_service_domains_access_control_enabled_test

import rego.v1

import data.parapet.aws.opensearch.opensearch_service_domains_access_control_enabled as control

res(attrs) := {"resource": {"name": "search", "attributes": attrs}}

test_enabled_passes if {
	control.status == "PASS" with input as res({"AdvancedSecurityOptions": {"Enabled": true, "InternalUserDatabaseEnabled": false}})
	control.reason == "OpenSearch domain search has fine-grained access control enabled" with input as res({"AdvancedSecurityOptions": {"Enabled": true}})
}

test_disabled_fails if {
	control.status == "FAIL" with input as res({"AdvancedSecurityOptions": {"Enabled": false}})
	control.reason == "OpenSearch domain search does not have fine-grained access control enabled" with input as res({"AdvancedSecurityOptions": {"Enabled": false}})
}

test_absent_fails if control.status == "FAIL" with input as res({})
