# METADATA
# title: DMS replication instance is not publicly accessible
# description: |
#   Checks PubliclyAccessible on the replication instance. A public instance gets a public
#   IP address, and it holds credentials to both the source and the target databases.
# custom:
#   id: dms_instance_no_public_access
#   severity: high
#   service: dms
#   resource_type: AWS::DMS::ReplicationInstance
#   requires: [PubliclyAccessible]
#   risk: An instance with access to production databases is reachable from the internet wherever its security groups allow.
#   remediation:
#     text: "Public accessibility is fixed at creation: create a private replication instance, move the tasks to it and delete the public one."
#     cli: aws dms create-replication-instance --replication-instance-identifier NEW --replication-instance-class dms.t3.medium --no-publicly-accessible
#     cloudformation: |
#       ReplicationInstance:
#         Type: AWS::DMS::ReplicationInstance
#         Properties:
#           PubliclyAccessible: false
#     terraform: |
#       resource "aws_dms_replication_instance" "this" {
#         publicly_accessible = false
#       }
package parapet.aws.dms.dms_instance_no_public_access

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.PubliclyAccessible == false

status := "FAIL" if attrs.PubliclyAccessible == true

reason := sprintf("DMS replication instance %s is not publicly accessible", [input.resource.name]) if status == "PASS"

reason := sprintf("DMS replication instance %s is publicly accessible", [input.resource.name]) if status == "FAIL"
