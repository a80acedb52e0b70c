package parapet.aws.dms.dms_endpoint_ssl_enabled_test

import rego.v1

import data.parapet.aws.dms.dms_endpoint_ssl_enabled as control

res(mode) := {"resource": {"name": "orders-src", "attributes": {"SslMode": mode, "EngineName": "postgres"}}}

test_verify_full_passes if {
	control.status == "PASS" with input as res("verify-full")
	control.reason == "DMS endpoint orders-src connects with SSL mode verify-full" with input as res("verify-full")
}

test_require_passes if control.status == "PASS" with input as res("require")

test_none_fails if {
	control.status == "FAIL" with input as res("none")
	control.reason == "DMS endpoint orders-src connects without SSL (SslMode none)" with input as res("none")
}

test_unknown_decides_nothing if not control.status with input as res(null)

test_redis_is_left_to_its_own_control if control.status == "SKIPPED" with input as {"resource": {"name": "r", "attributes": {"SslMode": "none", "EngineName": "redis"}}}
