# METADATA
# title: Kinesis data stream resource policy does not let anyone read or write the stream
# description: |
#   Checks the stream's resource-based policy (GetResourcePolicy) for statements any AWS
#   principal or anonymous caller can use (Principal "*", an every-account ARN, or
#   NotPrincipal) without a condition that pins the caller to known accounts,
#   organisations, source ARNs or networks. A stream without a resource policy passes.
#   The analysis is the shared one of controls/lib/iam.rego.
# custom:
#   id: kinesis_stream_not_publicly_accessible
#   severity: high
#   service: kinesis
#   resource_type: AWS::Kinesis::Stream
#   requires: [policy]
#   risk: Anyone with AWS credentials could read the stream's records or put records the consumers will process as their own.
#   remediation:
#     text: Remove the open statement, or name the consuming and producing principals or add a condition (aws:PrincipalOrgID, aws:SourceAccount) that pins them.
#     cli: aws kinesis put-resource-policy --resource-arn STREAM_ARN --policy file://policy.json
#     terraform: |
#       resource "aws_kinesis_resource_policy" "this" {
#         resource_arn = aws_kinesis_stream.this.arn
#         policy       = data.aws_iam_policy_document.consumers.json
#       }
package parapet.aws.kinesis.kinesis_stream_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

status := resource_policy.status(policy)

reason := resource_policy.reason("stream", input.resource.name, policy)
