# METADATA
# title: CloudWatch Logs log group is encrypted with a KMS key
# description: |
#   Checks that the log group is associated with a KMS key. CloudWatch Logs always
#   encrypts at rest with its own keys; a KMS key adds a separate permission to read the
#   logs, an audit trail of every use, and the ability to make them unreadable by
#   disabling the key.
# custom:
#   id: cloudwatch_log_group_kms_encryption_enabled
#   severity: low
#   service: cloudwatch
#   resource_type: AWS::Logs::LogGroup
#   requires: [kmsKeyId]
#   risk: Logs often hold personal data, tokens and request payloads; without a KMS key anyone with logs read access can see them and there is no key-level control or audit.
#   remediation:
#     text: Associate a customer-managed KMS key with the log group (the key policy must allow the logs service principal of the region).
#     cli: aws logs associate-kms-key --log-group-name NAME --kms-key-id KEY_ARN
#     cloudformation: |
#       LogGroup:
#         Type: AWS::Logs::LogGroup
#         Properties:
#           KmsKeyId: !GetAtt LogsKey.Arn
#     terraform: |
#       resource "aws_cloudwatch_log_group" "this" {
#         kms_key_id = aws_kms_key.logs.arn
#       }
package parapet.aws.cloudwatch.cloudwatch_log_group_kms_encryption_enabled

import rego.v1

key := input.resource.attributes.kmsKeyId

default status := "FAIL"

status := "PASS" if is_string(key)

reason := sprintf("log group %s is encrypted with KMS key %s", [input.resource.name, key]) if status == "PASS"

reason := sprintf("log group %s has no KMS key", [input.resource.name]) if status == "FAIL"
