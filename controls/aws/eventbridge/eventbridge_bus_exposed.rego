# METADATA
# title: EventBridge event bus policy does not let anyone put events
# description: |
#   Checks the event bus's resource policy for statements any AWS principal can use
#   (Principal "*", an every-account ARN, or NotPrincipal) without a condition that pins the
#   caller to known accounts, organisations, source ARNs or networks. Sharing a bus with an
#   organization through aws:PrincipalOrgID passes. The analysis is the shared one of
#   controls/lib/iam.rego.
# custom:
#   id: eventbridge_bus_exposed
#   severity: high
#   service: eventbridge
#   resource_type: AWS::Events::EventBus
#   requires: [policy]
#   risk: Anyone with an AWS account can put events on the bus, triggering its rules' targets (functions, workflows, queues) with data they choose.
#   remediation:
#     text: Remove the open statement, or limit it to the sending accounts (named principals, or aws:PrincipalOrgID for an organization).
#     cli: aws events remove-permission --event-bus-name BUS --statement-id STATEMENT_ID
#     terraform: |
#       resource "aws_cloudwatch_event_bus_policy" "this" {
#         event_bus_name = aws_cloudwatch_event_bus.this.name
#         policy         = data.aws_iam_policy_document.senders.json
#       }
package parapet.aws.eventbridge.eventbridge_bus_exposed

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

status := resource_policy.status(policy)

reason := resource_policy.reason("event bus", input.resource.name, policy)
