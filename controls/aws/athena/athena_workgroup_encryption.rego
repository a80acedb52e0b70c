# METADATA
# title: Athena workgroup encrypts query results
# description: |
#   Checks that the workgroup's result configuration encrypts query results in S3
#   (EncryptionOption SSE_S3, SSE_KMS or CSE_KMS).
# custom:
#   id: athena_workgroup_encryption
#   severity: medium
#   service: athena
#   resource_type: AWS::Athena::WorkGroup
#   requires: [Configuration]
#   risk: Query results, which often copy sensitive columns, are written to S3 without encryption the workgroup requires.
#   remediation:
#     text: Set an encryption option on the workgroup's result configuration, and enforce the workgroup configuration.
#     cli: aws athena update-work-group --work-group WG --configuration-updates 'ResultConfigurationUpdates={EncryptionConfiguration={EncryptionOption=SSE_KMS,KmsKey=KEY_ARN}},EnforceWorkGroupConfiguration=true'
#     terraform: |
#       resource "aws_athena_workgroup" "this" {
#         configuration {
#           enforce_workgroup_configuration = true
#           result_configuration {
#             encryption_configuration {
#               encryption_option = "SSE_KMS"
#               kms_key_arn       = aws_kms_key.athena.arn
#             }
#           }
#         }
#       }
package parapet.aws.athena.athena_workgroup_encryption

import rego.v1

option := object.get(input.resource.attributes, ["Configuration", "ResultConfiguration", "EncryptionConfiguration", "EncryptionOption"], "")

status := "PASS" if option in {"SSE_S3", "SSE_KMS", "CSE_KMS"}

status := "FAIL" if not option in {"SSE_S3", "SSE_KMS", "CSE_KMS"}

reason := sprintf("workgroup %s encrypts query results (%s)", [input.resource.name, option]) if status == "PASS"

reason := sprintf("workgroup %s does not encrypt query results", [input.resource.name]) if status == "FAIL"
