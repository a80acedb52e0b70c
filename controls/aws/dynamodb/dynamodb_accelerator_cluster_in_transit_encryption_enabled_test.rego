package parapet.aws.dynamodb.dynamodb_accelerator_cluster_in_transit_encryption_enabled_test

import rego.v1

import data.parapet.aws.dynamodb.dynamodb_accelerator_cluster_in_transit_encryption_enabled as control

res(attrs) := {"resource": {"name": "cache", "attributes": object.union({"ClusterName": "cache"}, attrs)}}

test_tls_passes if {
	control.status == "PASS" with input as res({"ClusterEndpointEncryptionType": "TLS"})
	control.reason == "DAX cluster cache encrypts client connections with TLS" with input as res({"ClusterEndpointEncryptionType": "TLS"})
}

test_none_fails if {
	control.status == "FAIL" with input as res({"ClusterEndpointEncryptionType": "NONE"})
	control.reason == "DAX cluster cache accepts unencrypted client connections (NONE)" with input as res({"ClusterEndpointEncryptionType": "NONE"})
}

# Clusters created before the option existed answer without it and use no TLS.
test_absent_fails if control.status == "FAIL" with input as res({})
