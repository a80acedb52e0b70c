# METADATA
# title: SQS queue policy does not let anyone send or receive messages
# description: |
#   Checks the queue's access policy for statements any AWS principal or anonymous caller
#   can use (Principal "*", an every-account ARN, or NotPrincipal) without a condition that
#   pins the caller to known accounts, organisations, source ARNs or networks. The usual
#   SNS-to-SQS subscription statement, pinned by aws:SourceArn to one topic, passes. The
#   analysis is the shared one of controls/lib/iam.rego.
# custom:
#   id: sqs_queues_not_publicly_accessible
#   severity: high
#   service: sqs
#   resource_type: AWS::SQS::Queue
#   requires: [policy]
#   risk: Anyone can read and delete the queue's messages, or inject messages the consumers will process as their own.
#   remediation:
#     text: Remove the open statement, or add a condition (aws:SourceArn of the sending topic or bucket, aws:SourceAccount, aws:PrincipalOrgID) naming the intended senders.
#     cli: aws sqs set-queue-attributes --queue-url QUEUE_URL --attributes file://attributes.json
#     terraform: |
#       resource "aws_sqs_queue_policy" "this" {
#         queue_url = aws_sqs_queue.this.id
#         policy    = data.aws_iam_policy_document.senders.json
#       }
package parapet.aws.sqs.sqs_queues_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

status := resource_policy.status(policy)

reason := resource_policy.reason("queue", input.resource.name, policy)
