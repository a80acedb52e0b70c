# METADATA
# title: RDS instance is deployed in several Availability Zones
# description: |
#   Checks that the instance runs as a Multi-AZ deployment, with a standby in another
#   Availability Zone that takes over on failure.
# custom:
#   id: rds_instance_multi_az
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBInstance
#   requires: [MultiAZ, DBClusterIdentifier]
#   risk: The loss of one Availability Zone or host takes the database down until it is restored.
#   remediation:
#     text: Convert the instance to Multi-AZ (brief I/O suspension during the change).
#     cli: aws rds modify-db-instance --db-instance-identifier NAME --multi-az --apply-immediately
#     cloudformation: |
#       Database:
#         Type: AWS::RDS::DBInstance
#         Properties:
#           MultiAZ: true
#     terraform: |
#       resource "aws_db_instance" "this" {
#         multi_az = true
#       }
package parapet.aws.rds.rds_instance_multi_az

import rego.v1

attrs := input.resource.attributes

# Members of an Aurora or Multi-AZ DB cluster take this setting from the cluster.
not_applicable := sprintf("it belongs to DB cluster %s, which holds this setting", [attrs.DBClusterIdentifier]) if is_string(attrs.DBClusterIdentifier)

good if {
	attrs.MultiAZ == true
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

reason := sprintf("DB instance %s is a Multi-AZ deployment", [input.resource.name]) if status == "PASS"

reason := sprintf("DB instance %s runs in a single Availability Zone", [input.resource.name]) if status == "FAIL"
