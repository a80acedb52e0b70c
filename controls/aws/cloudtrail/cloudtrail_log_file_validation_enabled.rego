# METADATA
# title: CloudTrail trail validates its log files
# description: |
#   Checks that log file integrity validation is on for the trail. With it, CloudTrail
#   delivers signed digest files that show whether a log file was changed or removed
#   after delivery.
# custom:
#   id: cloudtrail_log_file_validation_enabled
#   severity: medium
#   service: cloudtrail
#   resource_type: AWS::CloudTrail::Trail
#   requires: [LogFileValidationEnabled]
#   risk: Someone with write access to the log bucket can edit or delete entries to cover their tracks, and nobody can prove the logs are intact.
#   remediation:
#     text: Turn on log file validation for the trail.
#     cli: aws cloudtrail update-trail --name TRAIL_NAME --enable-log-file-validation
#     cloudformation: |-
#       Trail:
#         Type: AWS::CloudTrail::Trail
#         Properties:
#           EnableLogFileValidation: true
#     terraform: |-
#       resource "aws_cloudtrail" "trail" {
#         enable_log_file_validation = true
#       }
package parapet.aws.cloudtrail.cloudtrail_log_file_validation_enabled

import rego.v1

default status := "FAIL"

status := "PASS" if input.resource.attributes.LogFileValidationEnabled == true

reason := sprintf("trail %s has log file validation enabled", [input.resource.name]) if status == "PASS"

reason := sprintf("trail %s does not validate its log files", [input.resource.name]) if status == "FAIL"
