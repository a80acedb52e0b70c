# METADATA
# title: Neptune cluster requires IAM database authentication
# description: |
#   Checks IAMDatabaseAuthenticationEnabled on the Neptune cluster. With it, every request
#   to the graph endpoint must be SigV4-signed by an IAM identity allowed neptune-db
#   actions; without it, anyone who can reach the endpoint on the network can query and
#   change the graph.
# custom:
#   id: neptune_cluster_iam_authentication_enabled
#   severity: medium
#   service: neptune
#   resource_type: AWS::Neptune::DBCluster
#   requires: [IAMDatabaseAuthenticationEnabled]
#   risk: Access to the graph depends on network reachability alone; there is no per-identity authorisation or audit trail.
#   remediation:
#     text: Enable IAM database authentication on the cluster and grant neptune-db:* actions to the identities that query it.
#     cli: aws neptune modify-db-cluster --db-cluster-identifier CLUSTER --enable-iam-database-authentication --apply-immediately
#     cloudformation: |
#       Cluster:
#         Type: AWS::Neptune::DBCluster
#         Properties:
#           IamAuthEnabled: true
#     terraform: |
#       resource "aws_neptune_cluster" "this" {
#         iam_database_authentication_enabled = true
#       }
package parapet.aws.neptune.neptune_cluster_iam_authentication_enabled

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.IAMDatabaseAuthenticationEnabled == true

status := "FAIL" if attrs.IAMDatabaseAuthenticationEnabled == false

reason := sprintf("Neptune cluster %s requires IAM authentication", [input.resource.name]) if status == "PASS"

reason := sprintf("Neptune cluster %s does not require IAM authentication", [input.resource.name]) if status == "FAIL"
