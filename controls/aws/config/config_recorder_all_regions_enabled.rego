# METADATA
# title: AWS Config is recording in the region
# description: |
#   Checks, region by region, that an AWS Config configuration recorder exists, is
#   recording, and did not fail on its last attempt. Config keeps the history of resource
#   configurations that change investigations and compliance reviews rely on.
# custom:
#   id: config_recorder_all_regions_enabled
#   severity: medium
#   service: config
#   resource_type: Parapet::Config::RegionSettings
#   requires: [recorders]
#   risk: Changes to resources in the region leave no configuration history, so drift, misconfiguration and an intruder's changes cannot be reconstructed.
#   remediation:
#     text: >-
#       In every enabled region, create a configuration recorder that records all supported
#       resource types (global types in one region), give it a delivery channel, and start
#       it. If it is recording but failing, fix the recorder role or delivery bucket.
#     cli: |-
#       aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=CONFIG_ROLE_ARN --recording-group allSupported=true,includeGlobalResourceTypes=true
#       aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=CONFIG_BUCKET
#       aws configservice start-configuration-recorder --configuration-recorder-name default
#     cloudformation: |-
#       Recorder:
#         Type: AWS::Config::ConfigurationRecorder
#         Properties:
#           RoleARN: CONFIG_ROLE_ARN
#           RecordingGroup: {AllSupported: true, IncludeGlobalResourceTypes: true}
#       DeliveryChannel:
#         Type: AWS::Config::DeliveryChannel
#         Properties:
#           S3BucketName: CONFIG_BUCKET
#     terraform: |-
#       resource "aws_config_configuration_recorder" "main" {
#         role_arn = "CONFIG_ROLE_ARN"
#         recording_group {
#           all_supported                 = true
#           include_global_resource_types = true
#         }
#       }
#       resource "aws_config_configuration_recorder_status" "main" {
#         name       = aws_config_configuration_recorder.main.name
#         is_enabled = true
#         depends_on = [aws_config_delivery_channel.main]
#       }
package parapet.aws.config.config_recorder_all_regions_enabled

import rego.v1

import data.parapet.lib.util

recorders := util.as_list(object.get(input.resource.attributes, "recorders", null))

recording := [r.name | some r in recorders; r.recording == true]

# A null last status means the recorder has not reported a run yet; only Failure (the API's spelling:
# Pending, Success, Failure) counts against it.
healthy := [r.name | some r in recorders; r.recording == true; object.get(r, "last_status", null) != "Failure"]

where := sprintf("region %s of account %s", [input.resource.region, input.resource.account_id])

default status := "FAIL"

status := "PASS" if count(healthy) > 0

reason := sprintf("AWS Config recorder %s is recording in %s", [concat(", ", healthy), where]) if status == "PASS"

reason := sprintf("%s has no AWS Config configuration recorder", [where]) if count(recorders) == 0

reason := sprintf("AWS Config recorder %s in %s is not recording", [concat(", ", [r.name | some r in recorders]), where]) if {
	count(recorders) > 0
	count(recording) == 0
}

reason := sprintf("AWS Config recorder %s in %s is on, but its last recording attempt failed", [concat(", ", recording), where]) if {
	count(recording) > 0
	count(healthy) == 0
}
