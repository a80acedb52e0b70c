package parapet.aws.redshift.redshift_cluster_enhanced_vpc_routing_test

import rego.v1

import data.parapet.aws.redshift.redshift_cluster_enhanced_vpc_routing as control

res(attrs) := {"resource": {"name": "wh", "attributes": attrs}}

test_on_passes if {
	control.status == "PASS" with input as res({"EnhancedVpcRouting": true})
	control.reason == "Redshift cluster wh uses enhanced VPC routing" with input as res({"EnhancedVpcRouting": true})
}

test_off_fails if {
	control.status == "FAIL" with input as res({"EnhancedVpcRouting": false})
	control.reason == "Redshift cluster wh does not use enhanced VPC routing" with input as res({"EnhancedVpcRouting": false})
}

test_unknown_decides_nothing if not control.status with input as res({})
