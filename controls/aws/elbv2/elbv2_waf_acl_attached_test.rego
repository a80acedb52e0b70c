package parapet.aws.elbv2.elbv2_waf_acl_attached_test

import rego.v1

import data.parapet.aws.elbv2.elbv2_waf_acl_attached as control

acl := "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/1"

lb(type, acl_arn) := {"resource": {"name": "web", "attributes": {"Type": type, "web_acl_arn": acl_arn}}}

test_attached_passes if {
	inp := lb("application", acl)
	control.status == "PASS" with input as inp
	control.reason == "load balancer web is protected by web ACL arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/1" with input as inp
}

test_missing_fails if {
	control.status == "FAIL" with input as lb("application", null)
	control.reason == "load balancer web has no WAF web ACL" with input as lb("application", null)
}

test_network_lb_is_skipped if control.status == "SKIPPED" with input as lb("network", null)
