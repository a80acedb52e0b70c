# METADATA
# title: DMS endpoint connects over SSL/TLS
# description: |
#   Checks the endpoint's SslMode: "none" means the replication instance talks to the
#   database in clear text. "require", "verify-ca" and "verify-full" pass (the last two
#   also verify the server's certificate). Redis endpoints, which encrypt through their
#   RedisSettings, are skipped here and judged by
#   dms_endpoint_redis_in_transit_encryption_enabled.
# custom:
#   id: dms_endpoint_ssl_enabled
#   severity: medium
#   service: dms
#   resource_type: AWS::DMS::Endpoint
#   requires: [SslMode, EngineName]
#   risk: Database credentials and every migrated row cross the network unencrypted.
#   remediation:
#     text: Set the endpoint's SSL mode to verify-full (or require) and import the database's CA certificate into DMS.
#     cli: aws dms modify-endpoint --endpoint-arn ENDPOINT_ARN --ssl-mode verify-full --certificate-arn CERTIFICATE_ARN
#     cloudformation: |
#       Endpoint:
#         Type: AWS::DMS::Endpoint
#         Properties:
#           SslMode: verify-full
#     terraform: |
#       resource "aws_dms_endpoint" "this" {
#         ssl_mode = "verify-full"
#       }
package parapet.aws.dms.dms_endpoint_ssl_enabled

import rego.v1

attrs := input.resource.attributes

mode := attrs.SslMode

# Redis endpoints encrypt through RedisSettings, judged by their own control.
redis if attrs.EngineName == "redis"

status := "SKIPPED" if redis

status := "PASS" if {
	not redis
	is_string(mode)
	mode != "none"
}

status := "FAIL" if {
	not redis
	mode == "none"
}

reason := sprintf("DMS endpoint %s is a Redis endpoint; dms_endpoint_redis_in_transit_encryption_enabled judges it", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("DMS endpoint %s connects with SSL mode %s", [input.resource.name, mode]) if status == "PASS"

reason := sprintf("DMS endpoint %s connects without SSL (SslMode none)", [input.resource.name]) if status == "FAIL"
