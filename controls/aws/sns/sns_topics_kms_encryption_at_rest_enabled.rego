# METADATA
# title: SNS topic encrypts messages at rest with KMS
# description: |
#   Checks that the topic has a KMS key for server-side encryption, so messages waiting
#   for delivery are stored encrypted and reading them needs permission on the key too.
# custom:
#   id: sns_topics_kms_encryption_at_rest_enabled
#   severity: medium
#   service: sns
#   resource_type: AWS::SNS::Topic
#   requires: [KmsMasterKeyId]
#   risk: Notification payloads (alerts with resource names, order or patient details) are stored unencrypted while in transit through SNS.
#   remediation:
#     text: Set a KMS key on the topic (alias/aws/sns, or a customer-managed key whose policy lets the publishing services use it).
#     cli: aws sns set-topic-attributes --topic-arn TOPIC_ARN --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns
#     cloudformation: |
#       Topic:
#         Type: AWS::SNS::Topic
#         Properties:
#           KmsMasterKeyId: alias/aws/sns
#     terraform: |
#       resource "aws_sns_topic" "this" {
#         kms_master_key_id = "alias/aws/sns"
#       }
package parapet.aws.sns.sns_topics_kms_encryption_at_rest_enabled

import rego.v1

key := input.resource.attributes.KmsMasterKeyId

default status := "FAIL"

status := "PASS" if {
	is_string(key)
	key != ""
}

reason := sprintf("topic %s encrypts messages with KMS key %s", [input.resource.name, key]) if status == "PASS"

reason := sprintf("topic %s does not encrypt messages at rest with KMS", [input.resource.name]) if status == "FAIL"
