# METADATA
# title: Redshift cluster is encrypted at rest
# description: |
#   Checks that the cluster's data blocks, metadata and snapshots are encrypted at rest
#   with KMS (or an HSM).
# custom:
#   id: redshift_cluster_encrypted_at_rest
#   severity: high
#   service: redshift
#   resource_type: AWS::Redshift::Cluster
#   requires: [Encrypted]
#   risk: Anyone who obtains the storage or a copied snapshot reads the warehouse's data.
#   remediation:
#     text: Modify the cluster to encrypt it with a KMS key; Redshift migrates the data to an encrypted cluster.
#     cli: aws redshift modify-cluster --cluster-identifier CLUSTER --encrypted --kms-key-id KEY_ARN
#     cloudformation: |
#       Cluster:
#         Type: AWS::Redshift::Cluster
#         Properties:
#           Encrypted: true
#           KmsKeyId: !Ref Key
#     terraform: |
#       resource "aws_redshift_cluster" "this" {
#         encrypted  = true
#         kms_key_id = aws_kms_key.this.arn
#       }
package parapet.aws.redshift.redshift_cluster_encrypted_at_rest

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.Encrypted == true

status := "FAIL" if attrs.Encrypted == false

reason := sprintf("Redshift cluster %s is encrypted at rest", [input.resource.name]) if status == "PASS"

reason := sprintf("Redshift cluster %s is not encrypted at rest", [input.resource.name]) if status == "FAIL"
