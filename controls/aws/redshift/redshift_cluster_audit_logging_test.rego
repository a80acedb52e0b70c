package parapet.aws.redshift.redshift_cluster_audit_logging_test

import rego.v1

import data.parapet.aws.redshift.redshift_cluster_audit_logging as control

res(attrs) := {"resource": {"name": "r1", "attributes": attrs}}

test_good_passes if {
	control.status == "PASS" with input as res({"logging_status": {"LoggingEnabled": true}})
	control.reason == "Redshift cluster r1 writes audit logs" with input as res({"logging_status": {"LoggingEnabled": true}})
}

test_bad_fails if {
	control.status == "FAIL" with input as res({"logging_status": {"LoggingEnabled": false}})
	control.reason == "Redshift cluster r1 does not write audit logs" with input as res({"logging_status": {"LoggingEnabled": false}})
}

test_unknown_decides_nothing if not control.status with input as res({"logging_status": null})
