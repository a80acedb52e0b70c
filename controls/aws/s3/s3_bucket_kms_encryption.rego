# METADATA
# title: S3 bucket encrypts by default with KMS keys
# description: |
#   Checks that the bucket's default encryption uses AWS KMS (SSE-KMS or dual-layer
#   DSSE-KMS) rather than S3-managed keys. With KMS, reading an object also needs
#   permission on the key, and every use of the key is logged in CloudTrail.
# custom:
#   id: s3_bucket_kms_encryption
#   severity: low
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [encryption]
#   risk: With S3-managed keys anyone allowed to read objects can decrypt them; there is no separate key permission to revoke and no per-use key audit.
#   remediation:
#     text: Set the bucket's default encryption to aws:kms with a customer-managed key, and turn on S3 Bucket Keys to limit KMS request costs.
#     cli: aws s3api put-bucket-encryption --bucket NAME --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"KEY_ARN"},"BucketKeyEnabled":true}]}'
#     cloudformation: |
#       BucketEncryption:
#         ServerSideEncryptionConfiguration:
#           - ServerSideEncryptionByDefault:
#               SSEAlgorithm: aws:kms
#               KMSMasterKeyID: !GetAtt Key.Arn
#             BucketKeyEnabled: true
#     terraform: |
#       resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
#         bucket = aws_s3_bucket.this.id
#         rule {
#           apply_server_side_encryption_by_default {
#             sse_algorithm     = "aws:kms"
#             kms_master_key_id = aws_kms_key.this.arn
#           }
#           bucket_key_enabled = true
#         }
#       }
package parapet.aws.s3.s3_bucket_kms_encryption

import rego.v1

import data.parapet.lib.util

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

algorithms := {r.SSEAlgorithm | some r in util.as_list(input.resource.attributes.encryption.rules); is_string(r.SSEAlgorithm)}

default status := "FAIL"

status := "PASS" if {
	some a in algorithms
	a in kms_algorithms
}

reason := sprintf("bucket %s encrypts new objects with KMS keys by default", [input.resource.name]) if status == "PASS"

reason := sprintf("bucket %s does not use KMS for default encryption (%s)", [input.resource.name, concat(", ", algorithms)]) if {
	status == "FAIL"
	count(algorithms) > 0
}

reason := sprintf("bucket %s has no default encryption rule", [input.resource.name]) if {
	status == "FAIL"
	count(algorithms) == 0
}
