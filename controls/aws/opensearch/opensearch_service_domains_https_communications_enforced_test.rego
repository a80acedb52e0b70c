package parapet.aws.opensearch.opensearch_service_domains_https_communications_enforced_test

import rego.v1

import data.parapet.aws.opensearch.opensearch_service_domains_https_communications_enforced as control

res(attrs) := {"resource": {"name": "search", "attributes": attrs}}

test_enforced_passes if {
	control.status == "PASS" with input as res({"DomainEndpointOptions": {"EnforceHTTPS": true}})
	control.reason == "OpenSearch domain search accepts HTTPS requests only" with input as res({"DomainEndpointOptions": {"EnforceHTTPS": true}})
}

test_not_enforced_fails if {
	control.status == "FAIL" with input as res({"DomainEndpointOptions": {"EnforceHTTPS": false}})
	control.reason == "OpenSearch domain search accepts plain HTTP requests" with input as res({"DomainEndpointOptions": {"EnforceHTTPS": false}})
}

test_absent_fails if control.status == "FAIL" with input as res({})
