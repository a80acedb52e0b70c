# METADATA
# title: Redshift cluster keeps automated snapshots
# description: |
#   Checks that the cluster's automated snapshot retention period is at least one day,
#   so it can be restored to a recent point after data loss.
# custom:
#   id: redshift_cluster_automated_snapshot
#   severity: medium
#   service: redshift
#   resource_type: AWS::Redshift::Cluster
#   requires: [AutomatedSnapshotRetentionPeriod]
#   risk: A bad load, a dropped table or a deleted cluster cannot be recovered.
#   remediation:
#     text: Set an automated snapshot retention period (1 to 35 days).
#     cli: aws redshift modify-cluster --cluster-identifier CLUSTER --automated-snapshot-retention-period 7
#     terraform: |
#       resource "aws_redshift_cluster" "this" {
#         automated_snapshot_retention_period = 7
#       }
package parapet.aws.redshift.redshift_cluster_automated_snapshot

import rego.v1

attrs := input.resource.attributes

days := attrs.AutomatedSnapshotRetentionPeriod if is_number(attrs.AutomatedSnapshotRetentionPeriod)

status := "PASS" if days > 0

status := "FAIL" if days == 0

reason := sprintf("Redshift cluster %s keeps automated snapshots for %d day(s)", [input.resource.name, days]) if status == "PASS"

reason := sprintf("Redshift cluster %s keeps no automated snapshots", [input.resource.name]) if status == "FAIL"
