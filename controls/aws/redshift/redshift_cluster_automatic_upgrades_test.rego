package parapet.aws.redshift.redshift_cluster_automatic_upgrades_test

import rego.v1

import data.parapet.aws.redshift.redshift_cluster_automatic_upgrades as control

res(attrs) := {"resource": {"name": "wh", "attributes": attrs}}

test_on_passes if {
	control.status == "PASS" with input as res({"AllowVersionUpgrade": true})
	control.reason == "Redshift cluster wh receives version upgrades automatically" with input as res({"AllowVersionUpgrade": true})
}

test_off_fails if {
	control.status == "FAIL" with input as res({"AllowVersionUpgrade": false})
	control.reason == "Redshift cluster wh does not receive version upgrades automatically" with input as res({"AllowVersionUpgrade": false})
}

test_unknown_decides_nothing if not control.status with input as res({})
