# METADATA
# title: Redshift cluster writes audit logs
# description: |
#   Checks that audit logging is enabled (connection, user and user-activity logs to S3 or
#   CloudWatch Logs), as reported by DescribeLoggingStatus.
# custom:
#   id: redshift_cluster_audit_logging
#   severity: medium
#   service: redshift
#   resource_type: AWS::Redshift::Cluster
#   requires: [logging_status]
#   risk: Who connected to the warehouse and what they queried cannot be established after the fact.
#   remediation:
#     text: Enable audit logging to CloudWatch Logs or an S3 bucket, and the enable_user_activity_logging parameter for query text.
#     cli: aws redshift enable-logging --cluster-identifier CLUSTER --log-destination-type cloudwatch --log-exports connectionlog userlog useractivitylog
#     terraform: |
#       resource "aws_redshift_logging" "this" {
#         cluster_identifier   = aws_redshift_cluster.this.id
#         log_destination_type = "cloudwatch"
#         log_exports          = ["connectionlog", "userlog", "useractivitylog"]
#       }
package parapet.aws.redshift.redshift_cluster_audit_logging

import rego.v1

attrs := input.resource.attributes

status := "PASS" if {
	attrs.logging_status.LoggingEnabled == true
}

status := "FAIL" if {
	attrs.logging_status.LoggingEnabled == false
}

reason := sprintf("Redshift cluster %s writes audit logs", [input.resource.name]) if status == "PASS"

reason := sprintf("Redshift cluster %s does not write audit logs", [input.resource.name]) if status == "FAIL"
