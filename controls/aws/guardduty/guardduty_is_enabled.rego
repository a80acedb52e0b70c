# METADATA
# title: GuardDuty is enabled in the region
# description: |
#   Checks that the region has a GuardDuty detector in the ENABLED state. GuardDuty reads
#   CloudTrail, VPC flow and DNS logs to detect compromised credentials, instances talking
#   to known bad hosts, crypto-mining and similar threats. It is regional: every region
#   needs a detector, including ones you do not use, where an intruder would go.
# custom:
#   id: guardduty_is_enabled
#   severity: medium
#   service: guardduty
#   resource_type: Parapet::GuardDuty::RegionSettings
#   requires: [detectors]
#   risk: Active attacks (stolen keys used from unusual places, instances mining or scanning) run undetected.
#   remediation:
#     text: Enable GuardDuty in every region, ideally organisation-wide from a delegated administrator account.
#     cli: aws guardduty create-detector --enable --region REGION
#     cloudformation: |
#       Detector:
#         Type: AWS::GuardDuty::Detector
#         Properties:
#           Enable: true
#     terraform: |
#       resource "aws_guardduty_detector" "this" {
#         enable = true
#       }
package parapet.aws.guardduty.guardduty_is_enabled

import rego.v1

import data.parapet.lib.util

detectors := input.resource.attributes.detectors

enabled := [d.DetectorId | some d in util.as_list(detectors); d.Status == "ENABLED"]

status := "PASS" if count(enabled) > 0

status := "FAIL" if {
	is_array(detectors)
	count(enabled) == 0
}

reason := sprintf("GuardDuty detector %s is enabled in %s", [enabled[0], input.resource.region]) if status == "PASS"

reason := sprintf("GuardDuty has no enabled detector in %s", [input.resource.region]) if status == "FAIL"
