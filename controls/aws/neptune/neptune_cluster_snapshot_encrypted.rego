# METADATA
# title: Neptune cluster snapshot is encrypted
# description: |
#   Checks that a Neptune DB cluster snapshot (manual or automated) is encrypted at rest.
#   A snapshot is encrypted exactly when the cluster it was taken from was.
# custom:
#   id: neptune_cluster_snapshot_encrypted
#   severity: medium
#   service: neptune
#   resource_type: AWS::Neptune::DBClusterSnapshot
#   requires: [StorageEncrypted]
#   risk: A copied or shared snapshot exposes the graph's data to whoever holds it.
#   remediation:
#     text: Copy the snapshot with a KMS key (copy-db-cluster-snapshot --kms-key-id), delete the unencrypted one, and encrypt the source cluster.
#     cli: aws neptune copy-db-cluster-snapshot --source-db-cluster-snapshot-identifier SNAPSHOT --target-db-cluster-snapshot-identifier SNAPSHOT-encrypted --kms-key-id KEY_ARN
package parapet.aws.neptune.neptune_cluster_snapshot_encrypted

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.StorageEncrypted == true

status := "FAIL" if attrs.StorageEncrypted == false

reason := sprintf("Neptune cluster snapshot %s is encrypted", [input.resource.name]) if status == "PASS"

reason := sprintf("Neptune cluster snapshot %s is not encrypted", [input.resource.name]) if status == "FAIL"
