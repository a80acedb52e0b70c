# METADATA
# title: RDS instance is not publicly accessible
# description: |
#   Checks that the DB instance is not marked publicly accessible. A publicly accessible
#   instance gets a DNS name that resolves to a public IP address, so only its security
#   groups stand between the database and the internet.
# custom:
#   id: rds_instance_no_public_access
#   severity: high
#   service: rds
#   resource_type: AWS::RDS::DBInstance
#   requires: [PubliclyAccessible]
#   risk: One permissive security group rule exposes the database listener to internet-wide scanning, brute-forcing and engine exploits.
#   remediation:
#     text: Turn off public accessibility and let clients reach the instance from inside the VPC, over VPN or Direct Connect, or through a bastion or RDS Proxy.
#     cli: aws rds modify-db-instance --db-instance-identifier DB_ID --no-publicly-accessible --apply-immediately
#     cloudformation: |
#       Database:
#         Type: AWS::RDS::DBInstance
#         Properties:
#           PubliclyAccessible: false
#     terraform: |
#       resource "aws_db_instance" "this" {
#         publicly_accessible = false
#       }
package parapet.aws.rds.rds_instance_no_public_access

import rego.v1

default status := "FAIL"

# Only an explicit false passes; a missing value is not evidence of privacy.
status := "PASS" if input.resource.attributes.PubliclyAccessible == false

reason := sprintf("DB instance %s is not publicly accessible", [input.resource.name]) if status == "PASS"

reason := sprintf("DB instance %s is publicly accessible", [input.resource.name]) if {
	status == "FAIL"
	input.resource.attributes.PubliclyAccessible == true
}

reason := sprintf("DB instance %s does not report whether it is publicly accessible", [input.resource.name]) if {
	status == "FAIL"
	not is_boolean(input.resource.attributes.PubliclyAccessible)
}
