# METADATA
# title: Neptune cluster copies its tags to snapshots
# description: |
#   Checks CopyTagsToSnapshot on the Neptune cluster, so snapshots carry the cluster's
#   tags (owner, data classification, cost centre) and tag-based access policies and
#   backup rules apply to them too.
# custom:
#   id: neptune_cluster_copy_tags_to_snapshots
#   severity: low
#   service: neptune
#   resource_type: AWS::Neptune::DBCluster
#   requires: [CopyTagsToSnapshot]
#   risk: Snapshots lose their classification and ownership tags, so tag-based access control and retention rules miss them.
#   remediation:
#     text: Turn on copying of tags to snapshots on the cluster.
#     cli: aws neptune modify-db-cluster --db-cluster-identifier CLUSTER --copy-tags-to-snapshot --apply-immediately
#     cloudformation: |
#       Cluster:
#         Type: AWS::Neptune::DBCluster
#         Properties:
#           CopyTagsToSnapshot: true
#     terraform: |
#       resource "aws_neptune_cluster" "this" {
#         copy_tags_to_snapshot = true
#       }
package parapet.aws.neptune.neptune_cluster_copy_tags_to_snapshots

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.CopyTagsToSnapshot == true

# The API leaves the field out when it was never set, which means off.
status := "FAIL" if not attrs.CopyTagsToSnapshot == true

reason := sprintf("Neptune cluster %s copies its tags to snapshots", [input.resource.name]) if status == "PASS"

reason := sprintf("Neptune cluster %s does not copy its tags to snapshots", [input.resource.name]) if status == "FAIL"
