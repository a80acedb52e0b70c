# METADATA
# title: RDS instance has deletion protection
# description: |
#   Checks that deletion protection is on, so the instance cannot be deleted until the
#   setting is turned off first.
# custom:
#   id: rds_instance_deletion_protection
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBInstance
#   requires: [DeletionProtection, DBClusterIdentifier]
#   risk: One mistaken or malicious DeleteDBInstance call removes the database.
#   remediation:
#     text: Turn on deletion protection for production databases.
#     cli: aws rds modify-db-instance --db-instance-identifier NAME --deletion-protection --apply-immediately
#     cloudformation: |
#       Database:
#         Type: AWS::RDS::DBInstance
#         Properties:
#           DeletionProtection: true
#     terraform: |
#       resource "aws_db_instance" "this" {
#         deletion_protection = true
#       }
package parapet.aws.rds.rds_instance_deletion_protection

import rego.v1

attrs := input.resource.attributes

# Members of an Aurora or Multi-AZ DB cluster take this setting from the cluster.
not_applicable := sprintf("it belongs to DB cluster %s, which holds this setting", [attrs.DBClusterIdentifier]) if is_string(attrs.DBClusterIdentifier)

good if {
	attrs.DeletionProtection == true
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

reason := sprintf("DB instance %s has deletion protection on", [input.resource.name]) if status == "PASS"

reason := sprintf("DB instance %s has deletion protection off", [input.resource.name]) if status == "FAIL"
