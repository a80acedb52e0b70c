package parapet.aws.dms.dms_instance_no_public_access_test

import rego.v1

import data.parapet.aws.dms.dms_instance_no_public_access as control

res(attrs) := {"resource": {"name": "migrate", "attributes": attrs}}

test_private_passes if {
	control.status == "PASS" with input as res({"PubliclyAccessible": false})
	control.reason == "DMS replication instance migrate is not publicly accessible" with input as res({"PubliclyAccessible": false})
}

test_public_fails if {
	control.status == "FAIL" with input as res({"PubliclyAccessible": true})
	control.reason == "DMS replication instance migrate is publicly accessible" with input as res({"PubliclyAccessible": true})
}

test_unknown_decides_nothing if not control.status with input as res({})
