# METADATA
# title: API Gateway REST API stage encrypts its response cache
# description: |
#   For stages with a cache cluster and caching turned on for all methods, checks that
#   cached data is encrypted (the `*/*` method setting cacheDataEncrypted). Stages that
#   cache nothing are skipped.
# custom:
#   id: apigateway_restapi_cache_encrypted
#   severity: medium
#   service: apigateway
#   resource_type: AWS::ApiGateway::Stage
#   requires: [caching]
#   risk: Responses holding personal or payment data sit unencrypted in the cache cluster.
#   remediation:
#     text: Turn on cache data encryption for the stage's methods.
#     cli: aws apigateway update-stage --rest-api-id API --stage-name STAGE --patch-operations op=replace,path=/*/*/caching/dataEncrypted,value=true
#     terraform: |
#       resource "aws_api_gateway_method_settings" "all" {
#         method_path = "*/*"
#         settings {
#           caching_enabled      = true
#           cache_data_encrypted = true
#         }
#       }
package parapet.aws.apigateway.apigateway_restapi_cache_encrypted

import rego.v1

caching := input.resource.attributes.caching

caches if {
	caching.cluster_enabled == true
	caching.methods_caching == true
}

status := "SKIPPED" if {
	is_object(caching)
	not caches
}

status := "PASS" if {
	caches
	caching.data_encrypted == true
}

status := "FAIL" if {
	caches
	caching.data_encrypted != true
}

reason := sprintf("API stage %s caches no responses", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("API stage %s encrypts its response cache", [input.resource.name]) if status == "PASS"

reason := sprintf("API stage %s caches responses unencrypted", [input.resource.name]) if status == "FAIL"
