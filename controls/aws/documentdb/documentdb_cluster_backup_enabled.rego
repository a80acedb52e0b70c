# METADATA
# title: DocumentDB cluster keeps automated backups for at least 7 days
# description: |
#   Checks the DocumentDB cluster's BackupRetentionPeriod. Automated backups cannot be
#   switched off (the minimum is one day), so the control asks for at least seven days:
#   enough to notice a bad write or a deletion and restore before the point is gone.
# custom:
#   id: documentdb_cluster_backup_enabled
#   severity: medium
#   service: documentdb
#   resource_type: AWS::DocDB::DBCluster
#   requires: [BackupRetentionPeriod]
#   risk: Data corrupted or deleted more than a day or two ago cannot be restored.
#   remediation:
#     text: Raise the cluster's backup retention period to 7 days or more (up to 35).
#     cli: aws docdb modify-db-cluster --db-cluster-identifier CLUSTER --backup-retention-period 7 --apply-immediately
#     cloudformation: |
#       Cluster:
#         Type: AWS::DocDB::DBCluster
#         Properties:
#           BackupRetentionPeriod: 7
#     terraform: |
#       resource "aws_docdb_cluster" "this" {
#         backup_retention_period = 7
#       }
package parapet.aws.documentdb.documentdb_cluster_backup_enabled

import rego.v1

attrs := input.resource.attributes

minimum_days := 7

status := "PASS" if attrs.BackupRetentionPeriod >= minimum_days

status := "FAIL" if attrs.BackupRetentionPeriod < minimum_days

reason := sprintf("DocumentDB cluster %s keeps automated backups for %d day(s)", [input.resource.name, attrs.BackupRetentionPeriod]) if status == "PASS"

reason := sprintf("DocumentDB cluster %s keeps automated backups for %d day(s), fewer than %d", [input.resource.name, attrs.BackupRetentionPeriod, minimum_days]) if status == "FAIL"
