# METADATA
# title: Glue ETL job encrypts the data it writes to S3
# description: |
#   Checks that the job's security configuration sets an S3 encryption mode (SSE-S3 or
#   SSE-KMS), or that the job's default arguments ask for it (--encryption-type sse-s3).
# custom:
#   id: glue_etl_jobs_amazon_s3_encryption_enabled
#   severity: medium
#   service: glue
#   resource_type: AWS::Glue::Job
#   requires: [security_configuration, DefaultArguments]
#   risk: Transformed data, often the most refined copy of sensitive records, lands in S3 without encryption the job controls.
#   remediation:
#     text: Create a security configuration with S3 encryption (SSE-KMS preferred) and attach it to the job.
#     cli: aws glue create-security-configuration --name encrypted --encryption-configuration '{"S3Encryption":[{"S3EncryptionMode":"SSE-KMS","KmsKeyArn":"KEY_ARN"}]}'
#     terraform: |
#       resource "aws_glue_security_configuration" "this" {
#         name = "encrypted"
#         encryption_configuration {
#           s3_encryption {
#             s3_encryption_mode = "SSE-KMS"
#             kms_key_arn        = aws_kms_key.glue.arn
#           }
#           cloudwatch_encryption {
#             cloudwatch_encryption_mode = "SSE-KMS"
#             kms_key_arn                = aws_kms_key.glue.arn
#           }
#           job_bookmarks_encryption {
#             job_bookmarks_encryption_mode = "CSE-KMS"
#             kms_key_arn                   = aws_kms_key.glue.arn
#           }
#         }
#       }
package parapet.aws.glue.glue_etl_jobs_amazon_s3_encryption_enabled

import rego.v1

attrs := input.resource.attributes

modes := {m |
	some e in object.get(attrs, ["security_configuration", "S3Encryption"], [])
	m := object.get(e, "S3EncryptionMode", "DISABLED")
	m != "DISABLED"
}

by_argument if lower(object.get(attrs, ["DefaultArguments", "--encryption-type"], "")) == "sse-s3"

encrypted if count(modes) > 0

encrypted if by_argument

status := "PASS" if encrypted

status := "FAIL" if not encrypted

reason := sprintf("Glue job %s encrypts its S3 output", [input.resource.name]) if status == "PASS"

reason := sprintf("Glue job %s does not encrypt its S3 output", [input.resource.name]) if status == "FAIL"
