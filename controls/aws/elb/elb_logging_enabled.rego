# METADATA
# title: Classic Load Balancer writes access logs
# description: |
#   Checks that access logging is enabled on the Classic Load Balancer, so every request
#   it handles is recorded in S3 with client address, backend, latency and status.
# custom:
#   id: elb_logging_enabled
#   severity: medium
#   service: elb
#   resource_type: AWS::ElasticLoadBalancing::LoadBalancer
#   requires: [AccessLog]
#   risk: Attacks through the load balancer leave no request record to investigate.
#   remediation:
#     text: Enable access logs to an S3 bucket the regional load balancing service may write to (or migrate to an Application Load Balancer).
#     cli: aws elb modify-load-balancer-attributes --load-balancer-name LB --load-balancer-attributes '{"AccessLog":{"Enabled":true,"S3BucketName":"LOG_BUCKET","EmitInterval":60}}'
#     terraform: |
#       resource "aws_elb" "this" {
#         access_logs {
#           bucket  = aws_s3_bucket.lb_logs.id
#           enabled = true
#         }
#       }
package parapet.aws.elb.elb_logging_enabled

import rego.v1

log := input.resource.attributes.AccessLog

status := "PASS" if log.Enabled == true

status := "FAIL" if {
	is_object(log)
	not log.Enabled == true
}

status := "FAIL" if log == null

reason := sprintf("load balancer %s writes access logs to bucket %v", [input.resource.name, log.S3BucketName]) if status == "PASS"

reason := sprintf("load balancer %s does not write access logs", [input.resource.name]) if status == "FAIL"
