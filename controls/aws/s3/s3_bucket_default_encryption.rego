# METADATA
# title: S3 bucket has default encryption configured
# description: |
#   Checks that the bucket has a default server-side encryption rule. Since January 2023
#   AWS applies SSE-S3 to new objects of every bucket, so a missing configuration now
#   usually means the call could not show it; the control still requires the rule to be
#   readable and present, as auditors ask to see it.
# custom:
#   id: s3_bucket_default_encryption
#   severity: medium
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [encryption]
#   risk: Objects written without an encryption header may be stored unencrypted on buckets that predate S3's default encryption.
#   remediation:
#     text: Configure default encryption on the bucket (SSE-KMS with a customer-managed key where access to the key should be controlled separately).
#     cli: aws s3api put-bucket-encryption --bucket NAME --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}'
#     cloudformation: |
#       BucketEncryption:
#         ServerSideEncryptionConfiguration:
#           - ServerSideEncryptionByDefault:
#               SSEAlgorithm: aws:kms
#             BucketKeyEnabled: true
#     terraform: |
#       resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
#         bucket = aws_s3_bucket.this.id
#         rule {
#           apply_server_side_encryption_by_default {
#             sse_algorithm = "aws:kms"
#           }
#         }
#       }
package parapet.aws.s3.s3_bucket_default_encryption

import rego.v1

import data.parapet.lib.util

rules := [r | some r in util.as_list(input.resource.attributes.encryption.rules); is_string(r.SSEAlgorithm)]

default status := "FAIL"

status := "PASS" if count(rules) > 0

reason := sprintf("bucket %s encrypts new objects by default with %s", [input.resource.name, concat(", ", {r.SSEAlgorithm | some r in rules})]) if status == "PASS"

reason := sprintf("bucket %s has no default encryption rule", [input.resource.name]) if status == "FAIL"
