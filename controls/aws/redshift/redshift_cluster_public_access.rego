# METADATA
# title: Redshift cluster is not publicly accessible
# description: |
#   Checks the cluster's PubliclyAccessible setting. A publicly accessible cluster gets a
#   public address and accepts connections from the internet wherever its security groups
#   allow.
# custom:
#   id: redshift_cluster_public_access
#   severity: high
#   service: redshift
#   resource_type: AWS::Redshift::Cluster
#   requires: [PubliclyAccessible]
#   risk: The warehouse endpoint is exposed to credential guessing and exploits from anywhere.
#   remediation:
#     text: Turn off public accessibility and reach the cluster from inside the VPC (or through a VPN or PrivateLink).
#     cli: aws redshift modify-cluster --cluster-identifier CLUSTER --no-publicly-accessible
#     terraform: |
#       resource "aws_redshift_cluster" "this" {
#         publicly_accessible = false
#       }
package parapet.aws.redshift.redshift_cluster_public_access

import rego.v1

attrs := input.resource.attributes

status := "PASS" if {
	attrs.PubliclyAccessible == false
}

status := "FAIL" if {
	attrs.PubliclyAccessible == true
}

reason := sprintf("Redshift cluster %s is not publicly accessible", [input.resource.name]) if status == "PASS"

reason := sprintf("Redshift cluster %s is publicly accessible", [input.resource.name]) if status == "FAIL"
