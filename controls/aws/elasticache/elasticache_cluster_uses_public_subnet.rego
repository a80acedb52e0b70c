# METADATA
# title: ElastiCache cluster does not run in public subnets
# description: |
#   Checks the subnets of the cache cluster's subnet group: a subnet is public when its
#   route table (its own, else its VPC's main table) sends 0.0.0.0/0 or ::/0 to an
#   internet gateway. Cache nodes belong in private subnets, reachable only from the
#   application tier.
# custom:
#   id: elasticache_cluster_uses_public_subnet
#   severity: medium
#   service: elasticache
#   resource_type: AWS::ElastiCache::CacheCluster
#   requires: [public_subnets]
#   risk: Cache nodes sit one security-group mistake away from the internet; caches often run without authentication.
#   remediation:
#     text: Move the cluster to a subnet group made of private subnets (create a new group and recreate or migrate the cluster).
#     cli: aws elasticache create-cache-subnet-group --cache-subnet-group-name private --cache-subnet-group-description private --subnet-ids subnet-PRIVATE1 subnet-PRIVATE2
#     terraform: |
#       resource "aws_elasticache_subnet_group" "private" {
#         name       = "private"
#         subnet_ids = aws_subnet.private[*].id
#       }
package parapet.aws.elasticache.elasticache_cluster_uses_public_subnet

import rego.v1

import data.parapet.lib.util

public := util.as_list(input.resource.attributes.public_subnets)

status := "PASS" if {
	is_array(input.resource.attributes.public_subnets)
	count(public) == 0
}

status := "FAIL" if count(public) > 0

reason := sprintf("ElastiCache cluster %s runs in private subnets only", [input.resource.name]) if status == "PASS"

reason := sprintf("ElastiCache cluster %s runs in public subnets %s (routed to an internet gateway)", [input.resource.name, concat(", ", sort(public))]) if status == "FAIL"
