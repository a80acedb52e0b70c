package parapet.aws.dynamodb.dynamodb_accelerator_cluster_encryption_enabled_test

import rego.v1

import data.parapet.aws.dynamodb.dynamodb_accelerator_cluster_encryption_enabled as control

res(attrs) := {"resource": {"name": "cache", "attributes": object.union({"ClusterName": "cache"}, attrs)}}

test_enabled_passes if {
	control.status == "PASS" with input as res({"SSEDescription": {"Status": "ENABLED"}})
	control.reason == "DAX cluster cache encrypts data at rest" with input as res({"SSEDescription": {"Status": "ENABLED"}})
}

test_disabled_fails if {
	control.status == "FAIL" with input as res({"SSEDescription": {"Status": "DISABLED"}})
	control.reason == "DAX cluster cache does not encrypt data at rest" with input as res({"SSEDescription": {"Status": "DISABLED"}})
}

test_absent_fails if control.status == "FAIL" with input as res({})
