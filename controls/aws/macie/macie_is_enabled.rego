# METADATA
# title: Amazon Macie is enabled in the region
# description: |
#   Checks that Amazon Macie is enabled and running (not paused) in the region, so that
#   S3 buckets there are inventoried and can be scanned for sensitive data.
# custom:
#   id: macie_is_enabled
#   severity: low
#   service: macie
#   resource_type: Parapet::Macie::RegionSettings
#   requires: [status]
#   risk: Sensitive data stored in S3 goes undiscovered, so it cannot be classified and protected as required.
#   remediation:
#     text: Enable Macie in the region (or resume it when paused) and configure sensitive data discovery for its S3 buckets.
#     cli: aws macie2 enable-macie --region REGION
#     cloudformation: |
#       MacieSession:
#         Type: AWS::Macie::Session
#         Properties:
#           Status: ENABLED
#     terraform: |
#       resource "aws_macie2_account" "this" {
#         status = "ENABLED"
#       }
package parapet.aws.macie.macie_is_enabled

import rego.v1

macie_status := object.get(input.resource.attributes, "status", null)

default status := "FAIL"

status := "PASS" if macie_status == "ENABLED"

reason := sprintf("Macie is enabled in %s (%s)", [input.resource.region, input.resource.name]) if status == "PASS"

reason := sprintf("Macie is paused in %s (%s)", [input.resource.region, input.resource.name]) if macie_status == "PAUSED"

reason := sprintf("Macie is not enabled in %s (%s)", [input.resource.region, input.resource.name]) if {
	status == "FAIL"
	macie_status != "PAUSED"
}
