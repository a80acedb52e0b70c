# METADATA
# title: RDS instance has Enhanced Monitoring
# description: |
#   Checks that Enhanced Monitoring is on (a monitoring interval above 0 seconds), giving
#   operating-system metrics of the instance, including cluster members, in real time.
# custom:
#   id: rds_instance_enhanced_monitoring_enabled
#   severity: low
#   service: rds
#   resource_type: AWS::RDS::DBInstance
#   requires: [MonitoringInterval]
#   risk: Resource exhaustion and unusual processes on the database host go unseen until they cause an outage.
#   remediation:
#     text: Set a monitoring interval (60 seconds or less) with a monitoring role.
#     cli: aws rds modify-db-instance --db-instance-identifier NAME --monitoring-interval 60 --monitoring-role-arn ROLE_ARN --apply-immediately
#     cloudformation: |
#       Database:
#         Type: AWS::RDS::DBInstance
#         Properties:
#           MonitoringInterval: 60
#     terraform: |
#       resource "aws_db_instance" "this" {
#         monitoring_interval = 60
#       }
package parapet.aws.rds.rds_instance_enhanced_monitoring_enabled

import rego.v1

attrs := input.resource.attributes

# Every instance, cluster members included, is in scope.
not_applicable := false if false

good if {
	attrs.MonitoringInterval > 0
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

reason := sprintf("DB instance %s has Enhanced Monitoring on", [input.resource.name]) if status == "PASS"

reason := sprintf("DB instance %s has Enhanced Monitoring off", [input.resource.name]) if status == "FAIL"
