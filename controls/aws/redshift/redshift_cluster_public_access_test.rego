package parapet.aws.redshift.redshift_cluster_public_access_test

import rego.v1

import data.parapet.aws.redshift.redshift_cluster_public_access as control

res(attrs) := {"resource": {"name": "r1", "attributes": attrs}}

test_good_passes if {
	control.status == "PASS" with input as res({"PubliclyAccessible": false})
	control.reason == "Redshift cluster r1 is not publicly accessible" with input as res({"PubliclyAccessible": false})
}

test_bad_fails if {
	control.status == "FAIL" with input as res({"PubliclyAccessible": true})
	control.reason == "Redshift cluster r1 is publicly accessible" with input as res({"PubliclyAccessible": true})
}

test_unknown_decides_nothing if not control.status with input as res({})
