# METADATA
# title: S3 bucket logs requests to it (server access logging)
# description: |
#   Checks that server access logging is on for the bucket, so every request (including
#   those CloudTrail data events do not record, such as anonymous ones) is written to a
#   log bucket.
# custom:
#   id: s3_bucket_server_access_logging_enabled
#   severity: medium
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [logging]
#   risk: Without request logs an investigation cannot tell who read or changed objects, or when.
#   remediation:
#     text: Turn on server access logging to a dedicated log bucket in the same region (not the bucket itself), or record S3 data events in CloudTrail.
#     cli: aws s3api put-bucket-logging --bucket NAME --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"LOG_BUCKET","TargetPrefix":"NAME/"}}'
#     cloudformation: |
#       LoggingConfiguration:
#         DestinationBucketName: !Ref LogBucket
#         LogFilePrefix: data/
#     terraform: |
#       resource "aws_s3_bucket_logging" "this" {
#         bucket        = aws_s3_bucket.this.id
#         target_bucket = aws_s3_bucket.logs.id
#         target_prefix = "data/"
#       }
package parapet.aws.s3.s3_bucket_server_access_logging_enabled

import rego.v1

logging := input.resource.attributes.logging

default status := "FAIL"

status := "PASS" if is_string(logging.TargetBucket)

reason := sprintf("bucket %s logs requests to bucket %s", [input.resource.name, logging.TargetBucket]) if status == "PASS"

reason := sprintf("bucket %s has server access logging off", [input.resource.name]) if status == "FAIL"
