# METADATA
# title: The S3 bucket receiving CloudTrail logs has access logging on
# description: |
#   Checks that server access logging is enabled on the bucket the trail delivers to.
#   Access logs record who read, wrote or deleted objects in the bucket, so tampering with
#   or bulk reading of the audit logs leaves its own trace.
# custom:
#   id: cloudtrail_logs_s3_bucket_access_logging_enabled
#   severity: medium
#   service: cloudtrail
#   resource_type: AWS::CloudTrail::Trail
#   requires: [bucket_logging, S3BucketName]
#   risk: Reads and deletions of the audit logs themselves go unrecorded, hiding exfiltration of the logs or attempts to erase them.
#   remediation:
#     text: Enable server access logging on the trail's S3 bucket, delivering to a separate bucket that the log writers cannot change.
#     cli: aws s3api put-bucket-logging --bucket TRAIL_BUCKET --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"ACCESS_LOG_BUCKET","TargetPrefix":"cloudtrail/"}}'
#     cloudformation: |-
#       TrailBucket:
#         Type: AWS::S3::Bucket
#         Properties:
#           LoggingConfiguration:
#             DestinationBucketName: ACCESS_LOG_BUCKET
#             LogFilePrefix: cloudtrail/
#     terraform: |-
#       resource "aws_s3_bucket_logging" "trail_bucket" {
#         bucket        = aws_s3_bucket.trail.id
#         target_bucket = "ACCESS_LOG_BUCKET"
#         target_prefix = "cloudtrail/"
#       }
package parapet.aws.cloudtrail.cloudtrail_logs_s3_bucket_access_logging_enabled

import rego.v1

attrs := input.resource.attributes

bucket := object.get(attrs, "S3BucketName", "(unknown)")

# null when access logging is off; undefined when the attribute is absent.
target := attrs.bucket_logging.TargetBucket

default status := "FAIL"

status := "PASS" if {
	is_string(target)
	target != ""
}

reason := sprintf("trail %s delivers to bucket %s, which logs its access to %s", [input.resource.name, bucket, target]) if status == "PASS"

reason := sprintf("trail %s delivers to bucket %s, which has server access logging off", [input.resource.name, bucket]) if status == "FAIL"
