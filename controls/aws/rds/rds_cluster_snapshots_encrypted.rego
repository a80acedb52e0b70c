# METADATA
# title: RDS DB cluster snapshot is encrypted
# description: |
#   Checks that the Aurora or Multi-AZ DB cluster snapshot is encrypted (StorageEncrypted).
#   A cluster snapshot is encrypted when its cluster was; an unencrypted one can be copied
#   with a KMS key to make an encrypted copy. Prowler judges cluster snapshots under
#   rds_snapshots_encrypted; parapet gives each resource type its own control.
# custom:
#   id: rds_cluster_snapshots_encrypted
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBClusterSnapshot
#   requires: [StorageEncrypted]
#   risk: A copy of the whole cluster is readable by anyone who obtains or is given the snapshot, with no key permission in the way.
#   remediation:
#     text: Copy the cluster snapshot with a KMS key, delete the unencrypted original, and restore the cluster from the encrypted copy.
#     cli: aws rds copy-db-cluster-snapshot --source-db-cluster-snapshot-identifier SNAPSHOT --target-db-cluster-snapshot-identifier SNAPSHOT-encrypted --kms-key-id KEY_ARN
package parapet.aws.rds.rds_cluster_snapshots_encrypted

import rego.v1

encrypted := input.resource.attributes.StorageEncrypted

status := "PASS" if encrypted == true

status := "FAIL" if encrypted == false

reason := sprintf("DB cluster snapshot %s is encrypted", [input.resource.name]) if status == "PASS"

reason := sprintf("DB cluster snapshot %s is not encrypted", [input.resource.name]) if status == "FAIL"
