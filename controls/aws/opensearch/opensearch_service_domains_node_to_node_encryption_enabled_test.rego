package parapet.aws.opensearch.opensearch_service_domains_node_to_node_encryption_enabled_test

import rego.v1

import data.parapet.aws.opensearch.opensearch_service_domains_node_to_node_encryption_enabled as control

res(attrs) := {"resource": {"name": "r1", "attributes": attrs}}

test_good_passes if {
	control.status == "PASS" with input as res({"NodeToNodeEncryptionOptions": {"Enabled": true}})
	control.reason == "OpenSearch domain r1 encrypts traffic between its nodes" with input as res({"NodeToNodeEncryptionOptions": {"Enabled": true}})
}

test_bad_fails if {
	control.status == "FAIL" with input as res({"NodeToNodeEncryptionOptions": {"Enabled": false}})
	control.reason == "OpenSearch domain r1 sends traffic between its nodes unencrypted" with input as res({"NodeToNodeEncryptionOptions": {"Enabled": false}})
}

test_unknown_decides_nothing if not control.status with input as res({})
