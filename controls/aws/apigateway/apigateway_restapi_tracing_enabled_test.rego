package parapet.aws.apigateway.apigateway_restapi_tracing_enabled_test

import rego.v1

import data.parapet.aws.apigateway.apigateway_restapi_tracing_enabled as control

stage(attrs) := {"resource": {"name": "shop/prod", "attributes": attrs}}

test_tracing_passes if {
	control.status == "PASS" with input as stage({"tracingEnabled": true})
	control.reason == "API stage shop/prod traces requests with X-Ray" with input as stage({"tracingEnabled": true})
}

test_tracing_off_or_absent_fails if {
	control.status == "FAIL" with input as stage({"tracingEnabled": false})
	control.status == "FAIL" with input as stage({})
}
