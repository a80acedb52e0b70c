# METADATA
# title: Application or Network Load Balancer writes access logs
# description: |
#   Checks the load balancer attribute access_logs.s3.enabled. Access logs record every
#   request (client address, path, status, TLS details) to S3, which CloudTrail does not.
#   Gateway Load Balancers have no access logs and are skipped.
# custom:
#   id: elbv2_logging_enabled
#   severity: medium
#   service: elbv2
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   requires: [Type, attributes]
#   risk: Attacks against the application (scans, injection attempts, credential stuffing) leave no record to investigate or alert on.
#   remediation:
#     text: Turn on access logs to an S3 bucket whose policy lets the regional load balancing service write to it.
#     cli: aws elbv2 modify-load-balancer-attributes --load-balancer-arn LB_ARN --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=LOG_BUCKET
#     terraform: |
#       resource "aws_lb" "this" {
#         access_logs {
#           bucket  = aws_s3_bucket.lb_logs.id
#           enabled = true
#         }
#       }
package parapet.aws.elbv2.elbv2_logging_enabled

import rego.v1

attrs := input.resource.attributes

status := "SKIPPED" if attrs.Type == "gateway"

# Attribute values are strings in the ELBv2 API.
status := "PASS" if {
	attrs.Type != "gateway"
	attrs.attributes["access_logs.s3.enabled"] == "true"
}

status := "FAIL" if {
	attrs.Type != "gateway"
	object.get(attrs.attributes, "access_logs.s3.enabled", "false") != "true"
}

reason := sprintf("load balancer %s is a Gateway Load Balancer, which has no access logs", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("load balancer %s writes access logs to bucket %v", [input.resource.name, object.get(attrs.attributes, "access_logs.s3.bucket", "?")]) if status == "PASS"

reason := sprintf("load balancer %s does not write access logs", [input.resource.name]) if status == "FAIL"
