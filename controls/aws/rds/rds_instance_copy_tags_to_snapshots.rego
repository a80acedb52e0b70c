# METADATA
# title: RDS instance copies its tags to snapshots
# description: |
#   Checks that CopyTagsToSnapshot is on, so snapshots carry the instance's tags (owner,
#   data classification, cost centre) that access rules and audits rely on.
# custom:
#   id: rds_instance_copy_tags_to_snapshots
#   severity: low
#   service: rds
#   resource_type: AWS::RDS::DBInstance
#   requires: [CopyTagsToSnapshot, DBClusterIdentifier]
#   risk: Untagged snapshots escape tag-based access policies and data-classification reviews, and are hard to attribute.
#   remediation:
#     text: Turn on copying tags to snapshots.
#     cli: aws rds modify-db-instance --db-instance-identifier NAME --copy-tags-to-snapshot --apply-immediately
#     cloudformation: |
#       Database:
#         Type: AWS::RDS::DBInstance
#         Properties:
#           CopyTagsToSnapshot: true
#     terraform: |
#       resource "aws_db_instance" "this" {
#         copy_tags_to_snapshot = true
#       }
package parapet.aws.rds.rds_instance_copy_tags_to_snapshots

import rego.v1

attrs := input.resource.attributes

# Members of an Aurora or Multi-AZ DB cluster take this setting from the cluster.
not_applicable := sprintf("it belongs to DB cluster %s, which holds this setting", [attrs.DBClusterIdentifier]) if is_string(attrs.DBClusterIdentifier)

good if {
	attrs.CopyTagsToSnapshot == true
}

status := "SKIPPED" if not_applicable

status := "PASS" if {
	not not_applicable
	good
}

status := "FAIL" if {
	not not_applicable
	not good
}

reason := sprintf("DB instance %s is out of scope: %s", [input.resource.name, not_applicable]) if status == "SKIPPED"

reason := sprintf("DB instance %s copies its tags to snapshots", [input.resource.name]) if status == "PASS"

reason := sprintf("DB instance %s does not copy its tags to snapshots", [input.resource.name]) if status == "FAIL"
