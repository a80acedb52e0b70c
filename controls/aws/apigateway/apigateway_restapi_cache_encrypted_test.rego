package parapet.aws.apigateway.apigateway_restapi_cache_encrypted_test

import rego.v1

import data.parapet.aws.apigateway.apigateway_restapi_cache_encrypted as control

stage(cluster, methods, encrypted) := {"resource": {"name": "shop/prod", "attributes": {"caching": {"cluster_enabled": cluster, "methods_caching": methods, "data_encrypted": encrypted}}}}

test_encrypted_cache_passes if {
	control.status == "PASS" with input as stage(true, true, true)
	control.reason == "API stage shop/prod encrypts its response cache" with input as stage(true, true, true)
}

test_unencrypted_cache_fails if {
	control.status == "FAIL" with input as stage(true, true, false)
	control.reason == "API stage shop/prod caches responses unencrypted" with input as stage(true, true, false)
}

test_no_caching_is_skipped if {
	control.status == "SKIPPED" with input as stage(false, false, false)
	# A cluster without methods caching holds nothing.
	control.status == "SKIPPED" with input as stage(true, false, false)
}
