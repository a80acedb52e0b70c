# METADATA
# title: DMS Redis target endpoint encrypts data in transit
# description: |
#   Checks RedisSettings.SslSecurityProtocol of endpoints whose engine is redis: "ssl-
#   encryption" passes, "plaintext" fails. Endpoints for other engines are skipped
#   (dms_endpoint_ssl_enabled covers them).
# custom:
#   id: dms_endpoint_redis_in_transit_encryption_enabled
#   severity: medium
#   service: dms
#   resource_type: AWS::DMS::Endpoint
#   requires: [EngineName, RedisSettings]
#   risk: Data written to the Redis target crosses the network in clear text.
#   remediation:
#     text: Set the Redis endpoint's SSL security protocol to ssl-encryption.
#     cli: aws dms modify-endpoint --endpoint-arn ENDPOINT_ARN --redis-settings SslSecurityProtocol=ssl-encryption
#     cloudformation: |
#       Endpoint:
#         Type: AWS::DMS::Endpoint
#         Properties:
#           EngineName: redis
#           RedisSettings:
#             SslSecurityProtocol: ssl-encryption
#     terraform: |
#       resource "aws_dms_endpoint" "this" {
#         engine_name = "redis"
#         redis_settings {
#           ssl_security_protocol = "ssl-encryption"
#         }
#       }
package parapet.aws.dms.dms_endpoint_redis_in_transit_encryption_enabled

import rego.v1

attrs := input.resource.attributes

is_redis if attrs.EngineName == "redis"

protocol := object.get(object.get(attrs, "RedisSettings", {}), "SslSecurityProtocol", null)

status := "SKIPPED" if not is_redis

status := "PASS" if {
	is_redis
	protocol == "ssl-encryption"
}

# DMS defaults a Redis endpoint to ssl-encryption only when the setting is given;
# an endpoint without it is reported as not encrypting.
status := "FAIL" if {
	is_redis
	protocol != "ssl-encryption"
}

reason := sprintf("DMS endpoint %s is a %v endpoint, not Redis", [input.resource.name, attrs.EngineName]) if status == "SKIPPED"

reason := sprintf("DMS Redis endpoint %s encrypts data in transit", [input.resource.name]) if status == "PASS"

reason := sprintf("DMS Redis endpoint %s sends data in plain text (SslSecurityProtocol %v)", [input.resource.name, protocol]) if status == "FAIL"
