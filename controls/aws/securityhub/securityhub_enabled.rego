# METADATA
# title: Security Hub is enabled in the region
# description: |
#   Checks that AWS Security Hub is enabled in the region. Security Hub gathers findings
#   from AWS security services and runs its own standard checks, giving one place to see
#   and triage them.
# custom:
#   id: securityhub_enabled
#   severity: medium
#   service: securityhub
#   resource_type: Parapet::SecurityHub::RegionSettings
#   requires: [enabled]
#   risk: Findings from GuardDuty, Inspector, Macie and configuration checks in the region are not collected or prioritised, so problems are seen late or not at all.
#   remediation:
#     text: Enable Security Hub in every enabled region, ideally through the organization's delegated administrator so new accounts are covered automatically.
#     cli: aws securityhub enable-security-hub --enable-default-standards --region REGION
#     cloudformation: |-
#       Hub:
#         Type: AWS::SecurityHub::Hub
#         Properties:
#           EnableDefaultStandards: true
#     terraform: |-
#       resource "aws_securityhub_account" "main" {
#         enable_default_standards = true
#       }
package parapet.aws.securityhub.securityhub_enabled

import rego.v1

where := sprintf("region %s of account %s", [input.resource.region, input.resource.account_id])

default status := "FAIL"

status := "PASS" if input.resource.attributes.enabled == true

reason := sprintf("Security Hub is enabled in %s", [where]) if status == "PASS"

reason := sprintf("Security Hub is not enabled in %s", [where]) if status == "FAIL"
