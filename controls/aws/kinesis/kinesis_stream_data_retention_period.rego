# METADATA
# title: Kinesis data stream keeps records for at least seven days
# description: |
#   Checks that the stream's retention period (RetentionPeriodHours) is at least 168
#   hours, so consumers that fall behind or fail can replay what they missed.
# custom:
#   id: kinesis_stream_data_retention_period
#   severity: medium
#   service: kinesis
#   resource_type: AWS::Kinesis::Stream
#   requires: [RetentionPeriodHours]
#   risk: Records expire after the default 24 hours; an outage of a consumer over a weekend loses data for good.
#   remediation:
#     text: Increase the stream's retention period to 168 hours or more.
#     cli: aws kinesis increase-stream-retention-period --stream-name STREAM --retention-period-hours 168
#     terraform: |
#       resource "aws_kinesis_stream" "this" {
#         retention_period = 168
#       }
package parapet.aws.kinesis.kinesis_stream_data_retention_period

import rego.v1

# Seven days: long enough to recover a consumer after a weekend outage.
minimum_hours := 168

hours := input.resource.attributes.RetentionPeriodHours if is_number(input.resource.attributes.RetentionPeriodHours)

status := "PASS" if hours >= minimum_hours

status := "FAIL" if hours < minimum_hours

reason := sprintf("stream %s keeps records for %d hours", [input.resource.name, hours]) if status == "PASS"

reason := sprintf("stream %s keeps records for %d hours, less than %d", [input.resource.name, hours, minimum_hours]) if status == "FAIL"
