package parapet.aws.opensearch.opensearch_service_domains_encryption_at_rest_enabled_test

import rego.v1

import data.parapet.aws.opensearch.opensearch_service_domains_encryption_at_rest_enabled as control

res(attrs) := {"resource": {"name": "r1", "attributes": attrs}}

test_good_passes if {
	control.status == "PASS" with input as res({"EncryptionAtRestOptions": {"Enabled": true}})
	control.reason == "OpenSearch domain r1 encrypts data at rest" with input as res({"EncryptionAtRestOptions": {"Enabled": true}})
}

test_bad_fails if {
	control.status == "FAIL" with input as res({"EncryptionAtRestOptions": {"Enabled": false}})
	control.reason == "OpenSearch domain r1 does not encrypt data at rest" with input as res({"EncryptionAtRestOptions": {"Enabled": false}})
}

test_unknown_decides_nothing if not control.status with input as res({})
