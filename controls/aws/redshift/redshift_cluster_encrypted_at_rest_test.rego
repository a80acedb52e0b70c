package parapet.aws.redshift.redshift_cluster_encrypted_at_rest_test

import rego.v1

import data.parapet.aws.redshift.redshift_cluster_encrypted_at_rest as control

res(attrs) := {"resource": {"name": "wh", "attributes": attrs}}

test_on_passes if {
	control.status == "PASS" with input as res({"Encrypted": true})
	control.reason == "Redshift cluster wh is encrypted at rest" with input as res({"Encrypted": true})
}

test_off_fails if {
	control.status == "FAIL" with input as res({"Encrypted": false})
	control.reason == "Redshift cluster wh is not encrypted at rest" with input as res({"Encrypted": false})
}

test_unknown_decides_nothing if not control.status with input as res({})
