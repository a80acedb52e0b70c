# METADATA
# title: ElastiCache Redis replication group keeps automatic backups for at least 7 days
# description: |
#   Checks SnapshotRetentionLimit of the Redis OSS or Valkey replication group: how many
#   days of automatic daily backups it keeps. Zero means automatic backups are off; the
#   control asks for at least seven.
# custom:
#   id: elasticache_redis_cluster_backup_enabled
#   severity: medium
#   service: elasticache
#   resource_type: AWS::ElastiCache::ReplicationGroup
#   requires: [SnapshotRetentionLimit]
#   risk: Data lost to a failure, a bad deployment or a FLUSHALL cannot be restored from a recent point.
#   remediation:
#     text: Set a snapshot retention limit of 7 days or more (and a snapshot window).
#     cli: aws elasticache modify-replication-group --replication-group-id GROUP --snapshot-retention-limit 7 --apply-immediately
#     cloudformation: |
#       ReplicationGroup:
#         Type: AWS::ElastiCache::ReplicationGroup
#         Properties:
#           SnapshotRetentionLimit: 7
#     terraform: |
#       resource "aws_elasticache_replication_group" "this" {
#         snapshot_retention_limit = 7
#       }
package parapet.aws.elasticache.elasticache_redis_cluster_backup_enabled

import rego.v1

minimum_days := 7

days := input.resource.attributes.SnapshotRetentionLimit if is_number(input.resource.attributes.SnapshotRetentionLimit)

status := "PASS" if days >= minimum_days

status := "FAIL" if days < minimum_days

reason := sprintf("ElastiCache replication group %s keeps automatic backups for %d day(s)", [input.resource.name, days]) if status == "PASS"

reason := sprintf("ElastiCache replication group %s has automatic backups off", [input.resource.name]) if {
	status == "FAIL"
	days == 0
}

reason := sprintf("ElastiCache replication group %s keeps automatic backups for %d day(s), fewer than %d", [input.resource.name, days, minimum_days]) if {
	status == "FAIL"
	days > 0
}
