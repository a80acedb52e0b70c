# METADATA
# title: RDS DB cluster spans several Availability Zones
# description: |
#   Checks that the cluster has instances in more than one Availability Zone, so a reader
#   can be promoted when the writer's zone fails.
# custom:
#   id: rds_cluster_multi_az
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBCluster
#   requires: [Engine, MultiAZ]
#   risk: The loss of one Availability Zone takes the database down until a new instance is created and warmed up.
#   remediation:
#     text: Add a reader instance in another Availability Zone.
#     cli: aws rds create-db-instance --db-cluster-identifier CLUSTER --db-instance-identifier CLUSTER-reader --engine ENGINE --db-instance-class CLASS --availability-zone OTHER_AZ
#     cloudformation: |
#       Cluster:
#         Type: AWS::RDS::DBCluster
#         Properties:
#           AvailabilityZones: [eu-west-1a, eu-west-1b]
#     terraform: |
#       resource "aws_rds_cluster" "this" {
#         availability_zones = ["eu-west-1a", "eu-west-1b"]
#       }
package parapet.aws.rds.rds_cluster_multi_az

import rego.v1

attrs := input.resource.attributes

# DescribeDBClusters also returns Neptune and DocumentDB clusters; they have controls of their own.
not_rds if attrs.Engine in {"neptune", "docdb"}

good if {
	attrs.MultiAZ == true
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

reason := sprintf("DB cluster %s has instances in several Availability Zones", [input.resource.name]) if status == "PASS"

reason := sprintf("DB cluster %s has all its instances in one Availability Zone", [input.resource.name]) if status == "FAIL"
