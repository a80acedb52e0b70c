# METADATA
# title: Redshift cluster receives major version upgrades automatically
# description: |
#   Checks AllowVersionUpgrade: whether Redshift may apply new major engine versions to
#   the cluster during its maintenance window, so it keeps receiving security fixes.
# custom:
#   id: redshift_cluster_automatic_upgrades
#   severity: medium
#   service: redshift
#   resource_type: AWS::Redshift::Cluster
#   requires: [AllowVersionUpgrade]
#   risk: The cluster stays on an engine version that misses security fixes.
#   remediation:
#     text: Allow version upgrades on the cluster; upgrades then happen in its maintenance window.
#     cli: aws redshift modify-cluster --cluster-identifier CLUSTER --allow-version-upgrade
#     cloudformation: |
#       Cluster:
#         Type: AWS::Redshift::Cluster
#         Properties:
#           AllowVersionUpgrade: true
#     terraform: |
#       resource "aws_redshift_cluster" "this" {
#         allow_version_upgrade = true
#       }
package parapet.aws.redshift.redshift_cluster_automatic_upgrades

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.AllowVersionUpgrade == true

status := "FAIL" if attrs.AllowVersionUpgrade == false

reason := sprintf("Redshift cluster %s receives version upgrades automatically", [input.resource.name]) if status == "PASS"

reason := sprintf("Redshift cluster %s does not receive version upgrades automatically", [input.resource.name]) if status == "FAIL"
