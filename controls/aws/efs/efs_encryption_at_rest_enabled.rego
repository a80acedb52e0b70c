# METADATA
# title: EFS file system is encrypted at rest
# description: |
#   Checks that the EFS file system encrypts its data and metadata at rest with a KMS key.
# custom:
#   id: efs_encryption_at_rest_enabled
#   severity: medium
#   service: efs
#   resource_type: AWS::EFS::FileSystem
#   requires: [Encrypted]
#   risk: File data is stored unencrypted, so it is not protected by KMS key policies and cannot be made unreadable by disabling a key.
#   remediation:
#     text: Encryption at rest can only be chosen when a file system is created; create an encrypted file system, copy the data across (for example with AWS DataSync) and move clients to it.
#     cli: aws efs create-file-system --encrypted --kms-key-id alias/aws/elasticfilesystem --creation-token NAME
#     cloudformation: |
#       FileSystem:
#         Type: AWS::EFS::FileSystem
#         Properties:
#           Encrypted: true
#     terraform: |
#       resource "aws_efs_file_system" "this" {
#         encrypted = true
#       }
package parapet.aws.efs.efs_encryption_at_rest_enabled

import rego.v1

default status := "FAIL"

status := "PASS" if input.resource.attributes.Encrypted == true

reason := sprintf("EFS file system %s is encrypted at rest", [input.resource.name]) if status == "PASS"

reason := sprintf("EFS file system %s is not encrypted at rest", [input.resource.name]) if status == "FAIL"
