package parapet.aws.dms.dms_endpoint_redis_in_transit_encryption_enabled_test

import rego.v1

import data.parapet.aws.dms.dms_endpoint_redis_in_transit_encryption_enabled as control

res(attrs) := {"resource": {"name": "cache-target", "attributes": attrs}}

test_ssl_passes if {
	inp := res({"EngineName": "redis", "RedisSettings": {"SslSecurityProtocol": "ssl-encryption"}})
	control.status == "PASS" with input as inp
	control.reason == "DMS Redis endpoint cache-target encrypts data in transit" with input as inp
}

test_plaintext_fails if {
	inp := res({"EngineName": "redis", "RedisSettings": {"SslSecurityProtocol": "plaintext"}})
	control.status == "FAIL" with input as inp
	control.reason == "DMS Redis endpoint cache-target sends data in plain text (SslSecurityProtocol plaintext)" with input as inp
}

test_redis_without_settings_fails if control.status == "FAIL" with input as res({"EngineName": "redis"})

test_other_engines_are_skipped if {
	control.status == "SKIPPED" with input as res({"EngineName": "postgres", "SslMode": "none"})
	control.reason == "DMS endpoint cache-target is a postgres endpoint, not Redis" with input as res({"EngineName": "postgres"})
}
