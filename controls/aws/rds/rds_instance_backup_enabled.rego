# METADATA
# title: RDS instance keeps automated backups
# description: |
#   Checks that automated backups are on (a backup retention period of at least one day),
#   which also enables point-in-time recovery.
# custom:
#   id: rds_instance_backup_enabled
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBInstance
#   requires: [BackupRetentionPeriod, DBClusterIdentifier]
#   risk: A deleted table, a corrupting bug or ransomware leaves no recent copy to restore from.
#   remediation:
#     text: Set a backup retention period of at least 7 days (up to 35).
#     cli: aws rds modify-db-instance --db-instance-identifier NAME --backup-retention-period 7 --apply-immediately
#     cloudformation: |
#       Database:
#         Type: AWS::RDS::DBInstance
#         Properties:
#           BackupRetentionPeriod: 7
#     terraform: |
#       resource "aws_db_instance" "this" {
#         backup_retention_period = 7
#       }
package parapet.aws.rds.rds_instance_backup_enabled

import rego.v1

attrs := input.resource.attributes

# Members of an Aurora or Multi-AZ DB cluster take this setting from the cluster.
not_applicable := sprintf("it belongs to DB cluster %s, which holds this setting", [attrs.DBClusterIdentifier]) if is_string(attrs.DBClusterIdentifier)

good if {
	attrs.BackupRetentionPeriod > 0
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

reason := sprintf("DB instance %s keeps automated backups", [input.resource.name]) if status == "PASS"

reason := sprintf("DB instance %s has automated backups off (retention 0 days)", [input.resource.name]) if status == "FAIL"
