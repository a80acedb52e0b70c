# METADATA
# title: Redshift cluster is deployed in Multi-AZ
# description: |
#   Checks the cluster's MultiAZ setting ("Enabled" or "Disabled" in DescribeClusters). A
#   Multi-AZ cluster keeps compute in two Availability Zones and fails over when one is
#   lost. A cluster whose answer omits the field is single-AZ.
# custom:
#   id: redshift_cluster_multi_az_enabled
#   severity: medium
#   service: redshift
#   resource_type: AWS::Redshift::Cluster
#   requires: [ClusterIdentifier, MultiAZ]
#   risk: The loss of one Availability Zone stops the warehouse until it is restored or relocated.
#   remediation:
#     text: Convert the cluster to Multi-AZ (RA3 node types).
#     cli: aws redshift modify-cluster --cluster-identifier CLUSTER --multi-az
#     cloudformation: |
#       Cluster:
#         Type: AWS::Redshift::Cluster
#         Properties:
#           MultiAZ: true
#     terraform: |
#       resource "aws_redshift_cluster" "this" {
#         multi_az = true
#       }
package parapet.aws.redshift.redshift_cluster_multi_az_enabled

import rego.v1

attrs := input.resource.attributes

# The query API answers "Enabled"/"Disabled"; a boolean is accepted too.
enabled if lower(sprintf("%v", [attrs.MultiAZ])) in {"enabled", "true"}

status := "PASS" if enabled

status := "FAIL" if not enabled

reason := sprintf("Redshift cluster %s is deployed in Multi-AZ", [input.resource.name]) if status == "PASS"

reason := sprintf("Redshift cluster %s is deployed in a single Availability Zone", [input.resource.name]) if status == "FAIL"
