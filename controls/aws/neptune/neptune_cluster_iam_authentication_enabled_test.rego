package parapet.aws.neptune.neptune_cluster_iam_authentication_enabled_test

import rego.v1

import data.parapet.aws.neptune.neptune_cluster_iam_authentication_enabled as control

res(attrs) := {"resource": {"name": "graph", "attributes": attrs}}

test_on_passes if {
	control.status == "PASS" with input as res({"IAMDatabaseAuthenticationEnabled": true})
	control.reason == "Neptune cluster graph requires IAM authentication" with input as res({"IAMDatabaseAuthenticationEnabled": true})
}

test_off_fails if {
	control.status == "FAIL" with input as res({"IAMDatabaseAuthenticationEnabled": false})
	control.reason == "Neptune cluster graph does not require IAM authentication" with input as res({"IAMDatabaseAuthenticationEnabled": false})
}

test_unknown_decides_nothing if not control.status with input as res({})
