# METADATA
# title: CloudTrail trail encrypts its logs with a KMS key
# description: |
#   Checks that the trail encrypts the log files it delivers with an AWS KMS key (SSE-KMS).
#   Reading the logs then needs kms:Decrypt on that key as well as read access to the
#   bucket, which adds a second, separately audited gate.
# custom:
#   id: cloudtrail_kms_encryption_enabled
#   severity: medium
#   service: cloudtrail
#   resource_type: AWS::CloudTrail::Trail
#   requires: [KmsKeyId]
#   risk: Anyone who can read the log bucket can read the full record of account activity, including resource names and request details.
#   remediation:
#     text: Create a KMS key whose policy lets CloudTrail encrypt with it and configure the trail to use it.
#     cli: aws cloudtrail update-trail --name TRAIL_NAME --kms-key-id KMS_KEY_ARN
#     cloudformation: |-
#       Trail:
#         Type: AWS::CloudTrail::Trail
#         Properties:
#           KMSKeyId: KMS_KEY_ARN
#     terraform: |-
#       resource "aws_cloudtrail" "trail" {
#         kms_key_id = aws_kms_key.cloudtrail.arn
#       }
package parapet.aws.cloudtrail.cloudtrail_kms_encryption_enabled

import rego.v1

key := object.get(input.resource.attributes, "KmsKeyId", null)

default status := "FAIL"

status := "PASS" if {
	is_string(key)
	key != ""
}

reason := sprintf("trail %s encrypts its logs with KMS key %s", [input.resource.name, key]) if status == "PASS"

reason := sprintf("trail %s does not encrypt its logs with a KMS key", [input.resource.name]) if status == "FAIL"
