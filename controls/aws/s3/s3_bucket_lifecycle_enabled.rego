# METADATA
# title: S3 bucket has an active lifecycle rule
# description: |
#   Checks that at least one lifecycle rule of the bucket is Enabled, so old objects,
#   noncurrent versions and incomplete uploads expire or move to cheaper storage as
#   decided rather than accumulating forever.
# custom:
#   id: s3_bucket_lifecycle_enabled
#   severity: low
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [lifecycle_rules]
#   risk: Data is kept longer than its retention period allows (a compliance problem for personal data) and storage costs grow without bound.
#   remediation:
#     text: Add lifecycle rules that match the data's retention schedule (expire current and noncurrent versions, abort incomplete multipart uploads).
#     cli: aws s3api put-bucket-lifecycle-configuration --bucket NAME --lifecycle-configuration file://lifecycle.json
#     terraform: |
#       resource "aws_s3_bucket_lifecycle_configuration" "this" {
#         bucket = aws_s3_bucket.this.id
#         rule {
#           id     = "retention"
#           status = "Enabled"
#           filter {}
#           noncurrent_version_expiration {
#             noncurrent_days = 90
#           }
#         }
#       }
package parapet.aws.s3.s3_bucket_lifecycle_enabled

import rego.v1

import data.parapet.lib.util

rules := input.resource.attributes.lifecycle_rules

enabled := [r | some r in util.as_list(rules); r.Status == "Enabled"]

status := "PASS" if {
	is_array(rules)
	count(enabled) > 0
}

status := "FAIL" if {
	is_array(rules)
	count(enabled) == 0
}

reason := sprintf("bucket %s has %d enabled lifecycle rules", [input.resource.name, count(enabled)]) if status == "PASS"

reason := sprintf("bucket %s has no enabled lifecycle rule", [input.resource.name]) if status == "FAIL"
