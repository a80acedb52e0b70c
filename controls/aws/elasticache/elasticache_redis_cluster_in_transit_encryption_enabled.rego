# METADATA
# title: ElastiCache Redis replication group encrypts data in transit
# description: |
#   Checks TransitEncryptionEnabled: whether clients and nodes of the Redis OSS or Valkey
#   replication group talk over TLS.
# custom:
#   id: elasticache_redis_cluster_in_transit_encryption_enabled
#   severity: high
#   service: elasticache
#   resource_type: AWS::ElastiCache::ReplicationGroup
#   requires: [TransitEncryptionEnabled]
#   risk: Cached data, and AUTH tokens, cross the network in clear text and can be read or altered.
#   remediation:
#     text: Enable in-transit encryption (on recent engine versions in place, first in 'preferred' mode while clients move to TLS).
#     cli: aws elasticache modify-replication-group --replication-group-id GROUP --transit-encryption-enabled --transit-encryption-mode preferred --apply-immediately
#     cloudformation: |
#       ReplicationGroup:
#         Type: AWS::ElastiCache::ReplicationGroup
#         Properties:
#           TransitEncryptionEnabled: true
#     terraform: |
#       resource "aws_elasticache_replication_group" "this" {
#         transit_encryption_enabled = true
#       }
package parapet.aws.elasticache.elasticache_redis_cluster_in_transit_encryption_enabled

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.TransitEncryptionEnabled == true

status := "FAIL" if not attrs.TransitEncryptionEnabled == true

reason := sprintf("ElastiCache replication group %s encrypts data in transit", [input.resource.name]) if status == "PASS"

reason := sprintf("ElastiCache replication group %s does not encrypt data in transit", [input.resource.name]) if status == "FAIL"
