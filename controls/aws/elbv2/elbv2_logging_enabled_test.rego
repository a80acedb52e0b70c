package parapet.aws.elbv2.elbv2_logging_enabled_test

import rego.v1

import data.parapet.aws.elbv2.elbv2_logging_enabled as control

lb(type, attributes) := {"resource": {"name": "web", "attributes": {"Type": type, "attributes": attributes}}}

test_logging_passes if {
	inp := lb("application", {"access_logs.s3.enabled": "true", "access_logs.s3.bucket": "lb-logs"})
	control.status == "PASS" with input as inp
	control.reason == "load balancer web writes access logs to bucket lb-logs" with input as inp
}

test_not_logging_fails if control.status == "FAIL" with input as lb("network", {"access_logs.s3.enabled": "false"})

test_missing_attribute_fails if control.status == "FAIL" with input as lb("application", {})

test_gateway_is_skipped if control.status == "SKIPPED" with input as lb("gateway", {})
