# METADATA
# title: RDS instance accepts IAM database authentication
# description: |
#   Checks that IAM database authentication is on for MySQL, MariaDB and PostgreSQL
#   instances, so users can sign in with short-lived IAM tokens instead of stored
#   passwords. Engines without IAM authentication (Oracle, SQL Server, Db2) are skipped.
# custom:
#   id: rds_instance_iam_authentication_enabled
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBInstance
#   requires: [IAMDatabaseAuthenticationEnabled, DBClusterIdentifier, Engine]
#   risk: Access rests on long-lived database passwords that are shared, stored in code and rarely rotated.
#   remediation:
#     text: Turn on IAM database authentication and move applications to IAM tokens.
#     cli: aws rds modify-db-instance --db-instance-identifier NAME --enable-iam-database-authentication --apply-immediately
#     cloudformation: |
#       Database:
#         Type: AWS::RDS::DBInstance
#         Properties:
#           EnableIAMDatabaseAuthentication: true
#     terraform: |
#       resource "aws_db_instance" "this" {
#         iam_database_authentication_enabled = true
#       }
package parapet.aws.rds.rds_instance_iam_authentication_enabled

import rego.v1

attrs := input.resource.attributes

# Members of an Aurora or Multi-AZ DB cluster take this setting from the cluster.
not_applicable := sprintf("it belongs to DB cluster %s, which holds this setting", [attrs.DBClusterIdentifier]) if is_string(attrs.DBClusterIdentifier)

iam_auth_engines := {"mysql", "mariadb", "postgres"}

not_applicable := sprintf("engine %v does not support IAM database authentication", [attrs.Engine]) if {
	not is_string(attrs.DBClusterIdentifier)
	not attrs.Engine in iam_auth_engines
}

good if {
	attrs.IAMDatabaseAuthenticationEnabled == true
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

reason := sprintf("DB instance %s accepts IAM database authentication", [input.resource.name]) if status == "PASS"

reason := sprintf("DB instance %s does not accept IAM database authentication", [input.resource.name]) if status == "FAIL"
