package parapet.aws.apigatewayv2.apigatewayv2_api_access_logging_enabled_test

import rego.v1

import data.parapet.aws.apigatewayv2.apigatewayv2_api_access_logging_enabled as control

stage(attrs) := {"resource": {"name": "orders/$default", "attributes": attrs}}

test_access_logs_pass if {
	inp := stage({"accessLogSettings": {"destinationArn": "arn:aws:logs:us-east-1:111122223333:log-group:api", "format": "$context.requestId"}})
	control.status == "PASS" with input as inp
	control.reason == "API stage orders/$default writes access logs to arn:aws:logs:us-east-1:111122223333:log-group:api" with input as inp
}

test_no_settings_fail if {
	control.status == "FAIL" with input as stage({})
	control.status == "FAIL" with input as stage({"accessLogSettings": {}})
	control.reason == "API stage orders/$default writes no access logs" with input as stage({})
}
