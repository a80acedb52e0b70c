# METADATA
# title: A multi-region CloudTrail trail records management events
# description: |
#   Checks that the account has at least one trail that applies to all regions, is
#   logging, and records both read and write management events. Without one, API activity
#   in some regions, or of some kinds, leaves no durable record.
# custom:
#   id: cloudtrail_multi_region_enabled
#   severity: high
#   service: cloudtrail
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails]
#   risk: Activity in an unwatched region, such as resources started there by an intruder, leaves no audit trail for detection or investigation.
#   remediation:
#     text: Create a multi-region trail (or make an existing one multi-region), record all read and write management events, and start logging.
#     cli: |-
#       aws cloudtrail create-trail --name TRAIL_NAME --s3-bucket-name LOG_BUCKET --is-multi-region-trail
#       aws cloudtrail start-logging --name TRAIL_NAME
#     cloudformation: |-
#       Trail:
#         Type: AWS::CloudTrail::Trail
#         Properties:
#           S3BucketName: LOG_BUCKET
#           IsLogging: true
#           IsMultiRegionTrail: true
#           EventSelectors: [{ReadWriteType: All, IncludeManagementEvents: true}]
#     terraform: |-
#       resource "aws_cloudtrail" "main" {
#         name                  = "main"
#         s3_bucket_name        = "LOG_BUCKET"
#         is_multi_region_trail = true
#         enable_logging        = true
#         event_selector {
#           read_write_type           = "All"
#           include_management_events = true
#         }
#       }
package parapet.aws.cloudtrail.cloudtrail_multi_region_enabled

import rego.v1

import data.parapet.lib.util

trails := util.as_list(object.get(input.resource.attributes, "trails", null))

good := [t.name | some t in trails; t.multi_region == true; t.logging == true; t.management_events == true]

default status := "FAIL"

status := "PASS" if count(good) > 0

reason := sprintf("account %s records management events in every region with trail %s", [input.resource.name, concat(", ", good)]) if status == "PASS"

reason := sprintf("account %s has no CloudTrail trail", [input.resource.name]) if {
	status == "FAIL"
	count(trails) == 0
}

reason := sprintf("account %s has %d trail(s), but none is multi-region, logging and recording all management events", [input.resource.name, count(trails)]) if {
	status == "FAIL"
	count(trails) > 0
}
