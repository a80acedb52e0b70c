package parapet.aws.redshift.redshift_cluster_multi_az_enabled_test

import rego.v1

import data.parapet.aws.redshift.redshift_cluster_multi_az_enabled as control

res(attrs) := {"resource": {"name": "wh", "attributes": object.union({"ClusterIdentifier": "wh"}, attrs)}}

test_enabled_passes if {
	control.status == "PASS" with input as res({"MultiAZ": "Enabled"})
	control.reason == "Redshift cluster wh is deployed in Multi-AZ" with input as res({"MultiAZ": "Enabled"})
}

test_disabled_fails if {
	control.status == "FAIL" with input as res({"MultiAZ": "Disabled"})
	control.reason == "Redshift cluster wh is deployed in a single Availability Zone" with input as res({"MultiAZ": "Disabled"})
}

test_absent_is_single_az if control.status == "FAIL" with input as res({})

test_boolean_true_passes if control.status == "PASS" with input as res({"MultiAZ": true})
