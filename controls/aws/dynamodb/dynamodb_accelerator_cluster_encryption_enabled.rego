# METADATA
# title: DAX cluster encrypts data at rest
# description: |
#   Checks SSEDescription.Status of the DynamoDB Accelerator (DAX) cluster: whether the
#   cached items, configuration and logs on its nodes are encrypted at rest.
# custom:
#   id: dynamodb_accelerator_cluster_encryption_enabled
#   severity: medium
#   service: dynamodb
#   resource_type: AWS::DAX::Cluster
#   requires: [ClusterName, SSEDescription]
#   risk: Cached copies of table items sit unencrypted on the cluster's storage.
#   remediation:
#     text: "Encryption at rest is chosen at creation: create a new DAX cluster with server-side encryption and move clients to it."
#     cli: aws dax create-cluster --cluster-name NEW --node-type dax.r5.large --replication-factor 3 --iam-role-arn ROLE_ARN --sse-specification Enabled=true
#     cloudformation: |
#       Cluster:
#         Type: AWS::DAX::Cluster
#         Properties:
#           SSESpecification:
#             SSEEnabled: true
#     terraform: |
#       resource "aws_dax_cluster" "this" {
#         server_side_encryption {
#           enabled = true
#         }
#       }
package parapet.aws.dynamodb.dynamodb_accelerator_cluster_encryption_enabled

import rego.v1

sse := object.get(input.resource.attributes, "SSEDescription", null)

# ENABLING counts: the cluster is being created with encryption.
encrypted if sse.Status in {"ENABLED", "ENABLING"}

status := "PASS" if encrypted

status := "FAIL" if not encrypted

reason := sprintf("DAX cluster %s encrypts data at rest", [input.resource.name]) if status == "PASS"

reason := sprintf("DAX cluster %s does not encrypt data at rest", [input.resource.name]) if status == "FAIL"
