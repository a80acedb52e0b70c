# METADATA
# title: Glue ETL job encrypts its CloudWatch logs
# description: |
#   Checks that the job's security configuration encrypts the logs it writes to
#   CloudWatch Logs with a KMS key (CloudWatchEncryptionMode SSE-KMS).
# custom:
#   id: glue_etl_jobs_cloudwatch_logs_encryption_enabled
#   severity: medium
#   service: glue
#   resource_type: AWS::Glue::Job
#   requires: [security_configuration]
#   risk: Job logs can contain samples of the data processed and connection details, readable without a key the account controls.
#   remediation:
#     text: Attach a security configuration with CloudWatch encryption SSE-KMS to the job (the key policy must let CloudWatch Logs use the key).
#     cli: aws glue create-security-configuration --name encrypted --encryption-configuration '{"CloudWatchEncryption":{"CloudWatchEncryptionMode":"SSE-KMS","KmsKeyArn":"KEY_ARN"}}'
#     terraform: |
#       encryption_configuration {
#         cloudwatch_encryption {
#           cloudwatch_encryption_mode = "SSE-KMS"
#           kms_key_arn                = aws_kms_key.glue.arn
#         }
#       }
package parapet.aws.glue.glue_etl_jobs_cloudwatch_logs_encryption_enabled

import rego.v1

mode := object.get(input.resource.attributes, ["security_configuration", "CloudWatchEncryption", "CloudWatchEncryptionMode"], "DISABLED")

status := "PASS" if mode == "SSE-KMS"

status := "FAIL" if mode != "SSE-KMS"

reason := sprintf("Glue job %s encrypts its CloudWatch logs with KMS", [input.resource.name]) if status == "PASS"

reason := sprintf("Glue job %s does not encrypt its CloudWatch logs", [input.resource.name]) if status == "FAIL"
