# METADATA
# title: RDS DB cluster accepts IAM database authentication
# description: |
#   Checks that IAM database authentication is on, so users and applications can sign in
#   with short-lived IAM tokens instead of stored passwords.
# custom:
#   id: rds_cluster_iam_authentication_enabled
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBCluster
#   requires: [Engine, IAMDatabaseAuthenticationEnabled]
#   risk: Access rests on long-lived database passwords that are shared, stored in code and rarely rotated.
#   remediation:
#     text: Turn on IAM database authentication and move clients to IAM tokens.
#     cli: aws rds modify-db-cluster --db-cluster-identifier CLUSTER --enable-iam-database-authentication --apply-immediately
#     cloudformation: |
#       Cluster:
#         Type: AWS::RDS::DBCluster
#         Properties:
#           EnableIAMDatabaseAuthentication: true
#     terraform: |
#       resource "aws_rds_cluster" "this" {
#         iam_database_authentication_enabled = true
#       }
package parapet.aws.rds.rds_cluster_iam_authentication_enabled

import rego.v1

attrs := input.resource.attributes

# DescribeDBClusters also returns Neptune and DocumentDB clusters; they have controls of their own.
not_rds if attrs.Engine in {"neptune", "docdb"}

good if {
	attrs.IAMDatabaseAuthenticationEnabled == true
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

reason := sprintf("DB cluster %s accepts IAM database authentication", [input.resource.name]) if status == "PASS"

reason := sprintf("DB cluster %s does not accept IAM database authentication", [input.resource.name]) if status == "FAIL"
