# METADATA
# title: RDS instance applies minor engine upgrades automatically
# description: |
#   Checks that automatic minor version upgrades are turned on for the DB instance, so
#   security patches to its database engine are applied in its maintenance window.
# custom:
#   id: rds_instance_minor_version_upgrade_enabled
#   severity: low
#   service: rds
#   resource_type: AWS::RDS::DBInstance
#   requires: [AutoMinorVersionUpgrade]
#   risk: The engine keeps running versions with publicly known vulnerabilities until someone upgrades it by hand.
#   remediation:
#     text: Turn on automatic minor version upgrades and choose a maintenance window that suits the workload.
#     cli: aws rds modify-db-instance --db-instance-identifier DB_ID --auto-minor-version-upgrade --apply-immediately
#     cloudformation: |
#       Database:
#         Type: AWS::RDS::DBInstance
#         Properties:
#           AutoMinorVersionUpgrade: true
#     terraform: |
#       resource "aws_db_instance" "this" {
#         auto_minor_version_upgrade = true
#       }
package parapet.aws.rds.rds_instance_minor_version_upgrade_enabled

import rego.v1

default status := "FAIL"

status := "PASS" if input.resource.attributes.AutoMinorVersionUpgrade == true

reason := sprintf("DB instance %s applies minor engine upgrades automatically", [input.resource.name]) if status == "PASS"

reason := sprintf("DB instance %s does not apply minor engine upgrades automatically", [input.resource.name]) if status == "FAIL"
