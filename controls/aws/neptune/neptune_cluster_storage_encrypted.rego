# METADATA
# title: Neptune cluster storage is encrypted
# description: |
#   Checks that the Neptune cluster's storage, and with it its automated backups and
#   snapshots, is encrypted at rest with KMS (StorageEncrypted).
# custom:
#   id: neptune_cluster_storage_encrypted
#   severity: medium
#   service: neptune
#   resource_type: AWS::Neptune::DBCluster
#   requires: [StorageEncrypted]
#   risk: Anyone who obtains the underlying storage or a copy of a snapshot reads the data in clear.
#   remediation:
#     text: "Encryption is chosen at creation: restore an encrypted cluster from a snapshot (with a KMS key) and move clients to it."
#     cli: aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier NEW --snapshot-identifier SNAPSHOT --engine neptune --kms-key-id KEY_ARN
#     cloudformation: |
#       Cluster:
#         Type: AWS::Neptune::DBCluster
#         Properties:
#           StorageEncrypted: true
#     terraform: |
#       resource "aws_neptune_cluster" "this" {
#         storage_encrypted = true
#       }
package parapet.aws.neptune.neptune_cluster_storage_encrypted

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.StorageEncrypted == true

status := "FAIL" if attrs.StorageEncrypted == false

reason := sprintf("Neptune cluster %s has encrypted storage", [input.resource.name]) if status == "PASS"

reason := sprintf("Neptune cluster %s does not have encrypted storage", [input.resource.name]) if status == "FAIL"
