# METADATA
# title: DynamoDB table is encrypted with a customer-managed KMS key
# description: |
#   Checks that the table's server-side encryption uses a customer-managed KMS key.
#   Every table is encrypted at rest; with the default AWS-owned key, or the AWS-managed
#   aws/dynamodb key, the account cannot control or revoke access to the key separately
#   from access to the table.
# custom:
#   id: dynamodb_tables_kms_cmk_encryption_enabled
#   severity: low
#   service: dynamodb
#   resource_type: AWS::DynamoDB::Table
#   requires: [SSEDescription, sse_key_manager]
#   risk: Anyone granted table access reads the data; there is no key policy to limit it further and no way to make the data unreadable by disabling a key.
#   remediation:
#     text: Switch the table's encryption to a customer-managed KMS key (an online operation).
#     cli: aws dynamodb update-table --table-name TABLE --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=KEY_ARN
#     terraform: |
#       resource "aws_dynamodb_table" "this" {
#         server_side_encryption {
#           enabled     = true
#           kms_key_arn = aws_kms_key.dynamodb.arn
#         }
#       }
package parapet.aws.dynamodb.dynamodb_tables_kms_cmk_encryption_enabled

import rego.v1

attrs := input.resource.attributes

# SSEDescription is absent when the table uses the AWS-owned key.
kms if attrs.SSEDescription.SSEType == "KMS"

status := "PASS" if {
	kms
	attrs.sse_key_manager == "CUSTOMER"
}

default status := "FAIL"

reason := sprintf("table %s is encrypted with customer-managed key %s", [input.resource.name, attrs.SSEDescription.KMSMasterKeyArn]) if status == "PASS"

reason := sprintf("table %s is encrypted with the AWS-managed aws/dynamodb key", [input.resource.name]) if {
	status == "FAIL"
	kms
}

reason := sprintf("table %s is encrypted with the AWS-owned key", [input.resource.name]) if {
	status == "FAIL"
	not kms
}
