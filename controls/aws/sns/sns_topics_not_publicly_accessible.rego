# METADATA
# title: SNS topic policy does not let anyone publish or subscribe
# description: |
#   Checks the topic's access policy for statements any AWS principal or anonymous caller
#   can use (Principal "*", an every-account ARN, or NotPrincipal) without a condition that
#   pins the caller to known accounts, organisations, source ARNs or networks. Service
#   permissions such as S3 or CloudWatch publishing with aws:SourceArn / aws:SourceAccount
#   pass. The analysis is the shared one of controls/lib/iam.rego.
# custom:
#   id: sns_topics_not_publicly_accessible
#   severity: high
#   service: sns
#   resource_type: AWS::SNS::Topic
#   requires: [Policy]
#   risk: Anyone can publish forged notifications to the topic's subscribers, or subscribe an endpoint of their own and receive every message.
#   remediation:
#     text: Remove the open statement, or add a condition (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID) naming the intended publishers.
#     cli: aws sns set-topic-attributes --topic-arn TOPIC_ARN --attribute-name Policy --attribute-value file://policy.json
#     terraform: |
#       resource "aws_sns_topic_policy" "this" {
#         arn    = aws_sns_topic.this.arn
#         policy = data.aws_iam_policy_document.publishers.json
#       }
package parapet.aws.sns.sns_topics_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.Policy

status := resource_policy.status(policy)

reason := resource_policy.reason("topic", input.resource.name, policy)
