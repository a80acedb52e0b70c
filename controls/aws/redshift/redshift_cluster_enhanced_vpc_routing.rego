# METADATA
# title: Redshift cluster uses enhanced VPC routing
# description: |
#   Checks EnhancedVpcRouting: with it, COPY and UNLOAD traffic between the cluster and
#   data repositories goes through the VPC, where security groups, network ACLs, VPC
#   endpoint policies and flow logs apply.
# custom:
#   id: redshift_cluster_enhanced_vpc_routing
#   severity: medium
#   service: redshift
#   resource_type: AWS::Redshift::Cluster
#   requires: [EnhancedVpcRouting]
#   risk: Data loads and unloads take the public network path, outside the VPC's controls and flow logs.
#   remediation:
#     text: Enable enhanced VPC routing, and give the VPC an S3 gateway endpoint or NAT route so COPY and UNLOAD keep working.
#     cli: aws redshift modify-cluster --cluster-identifier CLUSTER --enhanced-vpc-routing
#     cloudformation: |
#       Cluster:
#         Type: AWS::Redshift::Cluster
#         Properties:
#           EnhancedVpcRouting: true
#     terraform: |
#       resource "aws_redshift_cluster" "this" {
#         enhanced_vpc_routing = true
#       }
package parapet.aws.redshift.redshift_cluster_enhanced_vpc_routing

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.EnhancedVpcRouting == true

status := "FAIL" if attrs.EnhancedVpcRouting == false

reason := sprintf("Redshift cluster %s uses enhanced VPC routing", [input.resource.name]) if status == "PASS"

reason := sprintf("Redshift cluster %s does not use enhanced VPC routing", [input.resource.name]) if status == "FAIL"
