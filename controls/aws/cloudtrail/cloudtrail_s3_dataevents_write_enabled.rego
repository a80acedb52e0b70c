# METADATA
# title: CloudTrail records S3 object-level write events for all buckets
# description: |
#   Checks that a multi-region, logging trail records S3 data events of the write kind
#   for every bucket. Management events alone do not show who creates, overwrites or deletes
#   individual objects.
# custom:
#   id: cloudtrail_s3_dataevents_write_enabled
#   severity: low
#   service: cloudtrail
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails]
#   risk: After a data breach or tampering there is no record of which objects were touched, by whom, or from where.
#   remediation:
#     text: >-
#       Add an event selector for S3 object write data events on all buckets to a multi-region
#       trail. put-event-selectors replaces the trail's selectors, so keep the management
#       event selector in the same call. Data events are billed per event.
#     cli: |-
#       aws cloudtrail put-event-selectors --trail-name TRAIL_NAME --advanced-event-selectors '[{"Name":"Management","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},{"Name":"S3 object writes","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"readOnly","Equals":["false"]}]}]'
#     cloudformation: |-
#       Trail:
#         Type: AWS::CloudTrail::Trail
#         Properties:
#           IsMultiRegionTrail: true
#           AdvancedEventSelectors:
#             - Name: Management
#               FieldSelectors: [{Field: eventCategory, Equals: [Management]}]
#             - Name: S3 object writes
#               FieldSelectors:
#                 - {Field: eventCategory, Equals: [Data]}
#                 - {Field: resources.type, Equals: ["AWS::S3::Object"]}
#                 - {Field: readOnly, Equals: ["false"]}
#     terraform: |-
#       resource "aws_cloudtrail" "main" {
#         is_multi_region_trail = true
#         advanced_event_selector {
#           name = "Management"
#           field_selector {
#             field  = "eventCategory"
#             equals = ["Management"]
#           }
#         }
#         advanced_event_selector {
#           name = "S3 object writes"
#           field_selector {
#             field  = "eventCategory"
#             equals = ["Data"]
#           }
#           field_selector {
#             field  = "resources.type"
#             equals = ["AWS::S3::Object"]
#           }
#           field_selector {
#             field  = "readOnly"
#             equals = ["false"]
#           }
#         }
#       }
package parapet.aws.cloudtrail.cloudtrail_s3_dataevents_write_enabled

import rego.v1

import data.parapet.lib.util

trails := util.as_list(object.get(input.resource.attributes, "trails", null))

records(t) if t.s3_data_events.write == true

# Trails that record the events but are stopped or see one region only.
partial := [t.name | some t in trails; records(t)]

# Data events are delivered by the region the bucket is in, so a single-region trail
# misses buckets elsewhere.
good := [t.name | some t in trails; records(t); t.multi_region == true; t.logging == true]

default status := "FAIL"

status := "PASS" if count(good) > 0

reason := sprintf("account %s records S3 object-level write events for all buckets with trail %s", [input.resource.name, concat(", ", good)]) if status == "PASS"

reason := sprintf("account %s has no trail recording S3 object-level write events for all buckets", [input.resource.name]) if {
	status == "FAIL"
	count(partial) == 0
}

reason := sprintf("account %s records S3 object-level write events only with trail(s) %s, which are single-region or not logging", [input.resource.name, concat(", ", partial)]) if {
	status == "FAIL"
	count(partial) > 0
}
