# METADATA
# title: ElastiCache Redis replication group encrypts data at rest
# description: |
#   Checks AtRestEncryptionEnabled: whether the Redis OSS or Valkey replication group
#   encrypts its data on disk, during synchronisation and in backups.
# custom:
#   id: elasticache_redis_cluster_rest_encryption_enabled
#   severity: high
#   service: elasticache
#   resource_type: AWS::ElastiCache::ReplicationGroup
#   requires: [AtRestEncryptionEnabled]
#   risk: Data written to disk, swap and backups is readable by anyone who obtains them.
#   remediation:
#     text: "Encryption at rest is chosen at creation: create an encrypted replication group from a backup and move clients to it."
#     cli: aws elasticache create-replication-group --replication-group-id NEW --replication-group-description encrypted --snapshot-name BACKUP --at-rest-encryption-enabled
#     cloudformation: |
#       ReplicationGroup:
#         Type: AWS::ElastiCache::ReplicationGroup
#         Properties:
#           AtRestEncryptionEnabled: true
#     terraform: |
#       resource "aws_elasticache_replication_group" "this" {
#         at_rest_encryption_enabled = true
#       }
package parapet.aws.elasticache.elasticache_redis_cluster_rest_encryption_enabled

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.AtRestEncryptionEnabled == true

status := "FAIL" if not attrs.AtRestEncryptionEnabled == true

reason := sprintf("ElastiCache replication group %s encrypts data at rest", [input.resource.name]) if status == "PASS"

reason := sprintf("ElastiCache replication group %s does not encrypt data at rest", [input.resource.name]) if status == "FAIL"
