# METADATA
# title: S3 bucket sends event notifications
# description: |
#   Checks that the bucket publishes events (object created, removed, restored, ...) to
#   at least one destination: SNS, SQS, Lambda or EventBridge. Notifications let
#   deletions and unexpected writes on important buckets be noticed as they happen.
# custom:
#   id: s3_bucket_event_notifications_enabled
#   severity: low
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [notifications]
#   risk: Mass deletions or unexpected uploads are discovered late, from their consequences.
#   remediation:
#     text: Turn on EventBridge delivery for the bucket (or configure SNS/SQS/Lambda notifications) and route object-removed events to alerting.
#     cli: aws s3api put-bucket-notification-configuration --bucket NAME --notification-configuration '{"EventBridgeConfiguration":{}}'
#     terraform: |
#       resource "aws_s3_bucket_notification" "this" {
#         bucket      = aws_s3_bucket.this.id
#         eventbridge = true
#       }
package parapet.aws.s3.s3_bucket_event_notifications_enabled

import rego.v1

n := input.resource.attributes.notifications

destinations := array.concat(
	[sprintf("%d %s", [n[k], k]) | some k in ["topics", "queues", "lambda_functions"]; n[k] > 0],
	["EventBridge" | n.eventbridge == true],
)

status := "PASS" if {
	is_object(n)
	count(destinations) > 0
}

status := "FAIL" if {
	is_object(n)
	count(destinations) == 0
}

reason := sprintf("bucket %s sends event notifications (%s)", [input.resource.name, concat(", ", destinations)]) if status == "PASS"

reason := sprintf("bucket %s sends no event notifications", [input.resource.name]) if status == "FAIL"
