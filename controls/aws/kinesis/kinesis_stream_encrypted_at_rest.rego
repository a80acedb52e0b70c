# METADATA
# title: Kinesis data stream encrypts records at rest
# description: |
#   Checks that server-side encryption with a KMS key is on for the stream
#   (EncryptionType KMS).
# custom:
#   id: kinesis_stream_encrypted_at_rest
#   severity: medium
#   service: kinesis
#   resource_type: AWS::Kinesis::Stream
#   requires: [EncryptionType]
#   risk: Records, often events with personal data, are stored without encryption under a key the account controls.
#   remediation:
#     text: Start server-side encryption on the stream with the AWS managed key or a customer managed key.
#     cli: aws kinesis start-stream-encryption --stream-name STREAM --encryption-type KMS --key-id alias/aws/kinesis
#     terraform: |
#       resource "aws_kinesis_stream" "this" {
#         encryption_type = "KMS"
#         kms_key_id      = "alias/aws/kinesis"
#       }
package parapet.aws.kinesis.kinesis_stream_encrypted_at_rest

import rego.v1

encryption := input.resource.attributes.EncryptionType

status := "PASS" if encryption == "KMS"

status := "FAIL" if encryption == "NONE"

reason := sprintf("stream %s encrypts records with KMS", [input.resource.name]) if status == "PASS"

reason := sprintf("stream %s stores records unencrypted", [input.resource.name]) if status == "FAIL"
