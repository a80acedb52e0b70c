# METADATA
# title: DynamoDB table resource policy does not let anyone use the table
# description: |
#   Checks the table's resource-based policy (GetResourcePolicy) for statements any AWS
#   principal or anonymous caller can use (Principal "*", an every-account ARN, or
#   NotPrincipal) without a condition that pins the caller to known accounts,
#   organisations, source ARNs or networks. A table without a resource policy passes:
#   only the account's own identity policies reach it. DynamoDB's Block Public Access
#   rejects most open policies when they are written; this control is the check after the
#   fact, with the shared analysis of controls/lib/iam.rego.
# custom:
#   id: dynamodb_table_not_publicly_accessible
#   severity: high
#   service: dynamodb
#   resource_type: AWS::DynamoDB::Table
#   requires: [policy]
#   risk: Anyone with AWS credentials could read, change or delete the table's items through the open statement.
#   remediation:
#     text: Remove the open statement, or name the principals (account ids or role ARNs) or add a condition (aws:PrincipalOrgID, aws:SourceVpce) that pins the callers.
#     cli: aws dynamodb put-resource-policy --resource-arn TABLE_ARN --policy file://policy.json
#     terraform: |
#       resource "aws_dynamodb_resource_policy" "this" {
#         resource_arn = aws_dynamodb_table.this.arn
#         policy       = data.aws_iam_policy_document.readers.json
#       }
package parapet.aws.dynamodb.dynamodb_table_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

status := resource_policy.status(policy)

reason := resource_policy.reason("table", input.resource.name, policy)
