package parapet.aws.apigateway.apigateway_restapi_logging_enabled_test

import rego.v1

import data.parapet.aws.apigateway.apigateway_restapi_logging_enabled as control

res(attrs) := {"resource": {"name": "r1", "attributes": attrs}}

test_good_passes if {
	control.status == "PASS" with input as res({"logging": {"execution_level": "ERROR", "access_log_destination": null}})
	control.reason == "API stage r1 logs requests" with input as res({"logging": {"execution_level": "ERROR", "access_log_destination": null}})
}

test_bad_fails if {
	control.status == "FAIL" with input as res({"logging": {"execution_level": "OFF", "access_log_destination": null}})
	control.reason == "API stage r1 logs nothing" with input as res({"logging": {"execution_level": "OFF", "access_log_destination": null}})
}

test_unknown_decides_nothing if not control.status with input as res({})

test_access_logs_alone_pass if control.status == "PASS" with input as res({"logging": {"execution_level": "OFF", "access_log_destination": "arn:aws:logs:us-east-1:111122223333:log-group:api-access"}})
