# METADATA
# title: CloudFront distribution logs viewer requests
# description: |
#   Checks that the distribution writes standard (legacy) access logs to S3, or that a
#   cache behaviour sends real-time logs to Kinesis. Standard logging v2 delivered
#   through CloudWatch Logs delivery sources is configured outside the distribution and
#   is not seen here.
# custom:
#   id: cloudfront_distributions_logging_enabled
#   severity: medium
#   service: cloudfront
#   resource_type: AWS::CloudFront::Distribution
#   requires: [Logging, DefaultCacheBehavior, CacheBehaviors]
#   risk: Requests that probed, scraped or attacked the application through the edge leave no record to investigate.
#   remediation:
#     text: Turn on standard logging to an S3 bucket (or attach a real-time log configuration).
#     cli: aws cloudfront update-distribution --id DIST_ID --if-match ETAG --distribution-config file://config-with-logging.json
#     terraform: |
#       resource "aws_cloudfront_distribution" "this" {
#         logging_config {
#           bucket = aws_s3_bucket.cf_logs.bucket_domain_name
#           prefix = "cloudfront/"
#         }
#       }
package parapet.aws.cloudfront.cloudfront_distributions_logging_enabled

import rego.v1

import data.parapet.lib.cloudfront

attrs := input.resource.attributes

standard if attrs.Logging.Enabled == true

realtime if {
	some b in cloudfront.behaviours(attrs)
	is_string(b.RealtimeLogConfigArn)
}

status := "PASS" if standard

status := "PASS" if {
	not standard
	realtime
}

status := "FAIL" if {
	not standard
	not realtime
}

reason := sprintf("distribution %s writes access logs to %v", [input.resource.name, attrs.Logging.Bucket]) if standard

reason := sprintf("distribution %s sends real-time logs", [input.resource.name]) if {
	not standard
	realtime
}

reason := sprintf("distribution %s has neither standard nor real-time logging", [input.resource.name]) if status == "FAIL"
