# METADATA
# title: DynamoDB stream resource policy does not let anyone read the table's changes
# description: |
#   Checks the resource-based policy of the table's latest stream (GetResourcePolicy on
#   the stream ARN) for statements any AWS principal or anonymous caller can use without a
#   condition that pins the caller to known accounts, organisations, source ARNs or
#   networks. A table without a stream is skipped; a stream without a policy passes. The
#   analysis is the shared one of controls/lib/iam.rego.
# custom:
#   id: dynamodb_table_stream_not_publicly_accessible
#   severity: high
#   service: dynamodb
#   resource_type: AWS::DynamoDB::Table
#   requires: [LatestStreamArn, stream_policy]
#   risk: Anyone with AWS credentials could read every change made to the table's items, new and old values included, through the open statement.
#   remediation:
#     text: Remove the open statement from the stream's policy, or name the principals (for example the role of the consuming Lambda function) or add a condition that pins them.
#     cli: aws dynamodb put-resource-policy --resource-arn STREAM_ARN --policy file://policy.json
#     terraform: |
#       resource "aws_dynamodb_resource_policy" "stream" {
#         resource_arn = aws_dynamodb_table.this.stream_arn
#         policy       = data.aws_iam_policy_document.consumers.json
#       }
package parapet.aws.dynamodb.dynamodb_table_stream_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

attrs := input.resource.attributes

has_stream if is_string(attrs.LatestStreamArn)

policy := attrs.stream_policy

status := "SKIPPED" if not has_stream

status := resource_policy.status(policy) if has_stream

reason := sprintf("table %s has no stream", [input.resource.name]) if not has_stream

reason := resource_policy.reason("stream of table", input.resource.name, policy) if has_stream
