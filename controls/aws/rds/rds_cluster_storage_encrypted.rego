# METADATA
# title: RDS DB cluster storage is encrypted
# description: |
#   Checks that the cluster's storage (and with it its backups and snapshots) is encrypted
#   at rest with KMS.
# custom:
#   id: rds_cluster_storage_encrypted
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBCluster
#   requires: [Engine, StorageEncrypted]
#   risk: The cluster's data, backups and snapshots are readable by anyone who obtains the storage or a shared snapshot.
#   remediation:
#     text: Encryption cannot be added to an existing cluster; restore an encrypted copy from a snapshot and switch clients over.
#     cli: aws rds restore-db-cluster-from-snapshot --db-cluster-identifier NEW --snapshot-identifier SNAPSHOT --engine ENGINE --kms-key-id KEY_ARN
#     cloudformation: |
#       Cluster:
#         Type: AWS::RDS::DBCluster
#         Properties:
#           StorageEncrypted: true
#     terraform: |
#       resource "aws_rds_cluster" "this" {
#         storage_encrypted = true
#       }
package parapet.aws.rds.rds_cluster_storage_encrypted

import rego.v1

attrs := input.resource.attributes

# DescribeDBClusters also returns Neptune and DocumentDB clusters; they have controls of their own.
not_rds if attrs.Engine in {"neptune", "docdb"}

good if {
	attrs.StorageEncrypted == true
}

status := "SKIPPED" if not_rds

status := "PASS" if {
	not not_rds
	good
}

status := "FAIL" if {
	not not_rds
	not good
}

reason := sprintf("cluster %s runs %s, which is not an RDS engine", [input.resource.name, attrs.Engine]) if status == "SKIPPED"

reason := sprintf("DB cluster %s has encrypted storage", [input.resource.name]) if status == "PASS"

reason := sprintf("DB cluster %s does not have encrypted storage", [input.resource.name]) if status == "FAIL"
