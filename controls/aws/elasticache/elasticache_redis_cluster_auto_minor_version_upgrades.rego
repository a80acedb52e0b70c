# METADATA
# title: ElastiCache Redis replication group applies minor version upgrades automatically
# description: |
#   Checks AutoMinorVersionUpgrade on the Redis OSS or Valkey replication group: whether
#   ElastiCache installs new minor engine versions, which carry security fixes, in the
#   maintenance window.
# custom:
#   id: elasticache_redis_cluster_auto_minor_version_upgrades
#   severity: medium
#   service: elasticache
#   resource_type: AWS::ElastiCache::ReplicationGroup
#   requires: [AutoMinorVersionUpgrade]
#   risk: The cache keeps running engine versions with known, already fixed vulnerabilities.
#   remediation:
#     text: Turn on automatic minor version upgrades for the replication group.
#     cli: aws elasticache modify-replication-group --replication-group-id GROUP --auto-minor-version-upgrade --apply-immediately
#     cloudformation: |
#       ReplicationGroup:
#         Type: AWS::ElastiCache::ReplicationGroup
#         Properties:
#           AutoMinorVersionUpgrade: true
#     terraform: |
#       resource "aws_elasticache_replication_group" "this" {
#         auto_minor_version_upgrade = true
#       }
package parapet.aws.elasticache.elasticache_redis_cluster_auto_minor_version_upgrades

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.AutoMinorVersionUpgrade == true

status := "FAIL" if not attrs.AutoMinorVersionUpgrade == true

reason := sprintf("ElastiCache replication group %s applies minor version upgrades automatically", [input.resource.name]) if status == "PASS"

reason := sprintf("ElastiCache replication group %s does not apply minor version upgrades automatically", [input.resource.name]) if status == "FAIL"
