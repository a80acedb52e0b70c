package parapet.aws.redshift.redshift_cluster_in_transit_encryption_enabled_test

import rego.v1

import data.parapet.aws.redshift.redshift_cluster_in_transit_encryption_enabled as control

res(attrs) := {"resource": {"name": "wh", "attributes": attrs}}

test_required_passes if {
	control.status == "PASS" with input as res({"require_ssl": true})
	control.reason == "Redshift cluster wh requires TLS for client connections (require_ssl)" with input as res({"require_ssl": true})
}

test_not_required_fails if {
	control.status == "FAIL" with input as res({"require_ssl": false})
	control.reason == "Redshift cluster wh accepts unencrypted connections: no parameter group of it sets require_ssl" with input as res({"require_ssl": false})
}

test_unreadable_decides_nothing if not control.status with input as res({"require_ssl": null})
