package parapet.aws.wafv2.wafv2_webacl_logging_enabled_test

import rego.v1

import data.parapet.aws.wafv2.wafv2_webacl_logging_enabled as control

acl(logging) := {"resource": {"name": "edge", "attributes": {"logging_configuration": logging}}}

test_logging_passes if {
	inp := acl({"LogDestinationConfigs": ["arn:aws:logs:us-east-1:1:log-group:aws-waf-logs-edge"]})
	control.status == "PASS" with input as inp
	control.reason == "web ACL edge logs to arn:aws:logs:us-east-1:1:log-group:aws-waf-logs-edge" with input as inp
}

test_no_logging_fails if {
	control.status == "FAIL" with input as acl(null)
	control.reason == "web ACL edge has no logging configuration" with input as acl(null)
}

test_empty_destinations_fail if control.status == "FAIL" with input as acl({"LogDestinationConfigs": []})
