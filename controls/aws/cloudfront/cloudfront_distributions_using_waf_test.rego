package parapet.aws.cloudfront.cloudfront_distributions_using_waf_test

import rego.v1

import data.parapet.aws.cloudfront.cloudfront_distributions_using_waf as control

dist(acl) := {"resource": {"name": "E1", "attributes": {"WebACLId": acl}}}

test_web_acl_passes if {
	inp := dist("arn:aws:wafv2:us-east-1:1:global/webacl/edge/1")
	control.status == "PASS" with input as inp
	control.reason == "distribution E1 is protected by web ACL arn:aws:wafv2:us-east-1:1:global/webacl/edge/1" with input as inp
}

test_no_web_acl_fails if {
	control.status == "FAIL" with input as dist(null)
	control.reason == "distribution E1 has no WAF web ACL" with input as dist("")
}
