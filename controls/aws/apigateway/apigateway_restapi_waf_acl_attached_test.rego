package parapet.aws.apigateway.apigateway_restapi_waf_acl_attached_test

import rego.v1

import data.parapet.aws.apigateway.apigateway_restapi_waf_acl_attached as control

stage(attrs) := {"resource": {"name": "shop/prod", "attributes": attrs}}

acl := "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api/1"

test_acl_passes if {
	control.status == "PASS" with input as stage({"webAclArn": acl})
	control.reason == "API stage shop/prod is protected by web ACL arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api/1" with input as stage({"webAclArn": acl})
}

test_no_acl_fails if {
	control.status == "FAIL" with input as stage({})
	control.reason == "API stage shop/prod has no WAF web ACL" with input as stage({})
}
