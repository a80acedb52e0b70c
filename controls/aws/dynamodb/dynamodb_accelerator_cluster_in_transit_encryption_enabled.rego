# METADATA
# title: DAX cluster encrypts client connections with TLS
# description: |
#   Checks ClusterEndpointEncryptionType of the DAX cluster: "TLS" passes, "NONE" fails.
# custom:
#   id: dynamodb_accelerator_cluster_in_transit_encryption_enabled
#   severity: medium
#   service: dynamodb
#   resource_type: AWS::DAX::Cluster
#   requires: [ClusterName, ClusterEndpointEncryptionType]
#   risk: Items read and written through the cache travel unencrypted between clients and the cluster.
#   remediation:
#     text: "Endpoint encryption is chosen at creation: create a new DAX cluster with TLS and move clients to its endpoint."
#     cli: aws dax create-cluster --cluster-name NEW --node-type dax.r5.large --replication-factor 3 --iam-role-arn ROLE_ARN --cluster-endpoint-encryption-type TLS
#     cloudformation: |
#       Cluster:
#         Type: AWS::DAX::Cluster
#         Properties:
#           ClusterEndpointEncryptionType: TLS
#     terraform: |
#       resource "aws_dax_cluster" "this" {
#         cluster_endpoint_encryption_type = "TLS"
#       }
package parapet.aws.dynamodb.dynamodb_accelerator_cluster_in_transit_encryption_enabled

import rego.v1

kind := object.get(input.resource.attributes, "ClusterEndpointEncryptionType", "NONE")

status := "PASS" if kind == "TLS"

status := "FAIL" if kind != "TLS"

reason := sprintf("DAX cluster %s encrypts client connections with TLS", [input.resource.name]) if status == "PASS"

reason := sprintf("DAX cluster %s accepts unencrypted client connections (%v)", [input.resource.name, kind]) if status == "FAIL"
