# METADATA
# title: Managed node is compliant with its patch baseline
# description: |
#   Checks the Systems Manager patch compliance summary of each managed node: its status
#   must be COMPLIANT. Nodes that never reported patch compliance have no summary and no
#   finding.
# custom:
#   id: ssm_managed_compliant_patching
#   severity: high
#   service: ssm
#   resource_type: Parapet::SSM::PatchCompliance
#   requires: [NonCompliantSummary, OverallSeverity, Status]
#   risk: Nodes run with missing security patches that the baseline says must be installed.
#   remediation:
#     text: Run AWS-RunPatchBaseline with Install (or a patch policy in Quick Setup) on the node, and schedule it.
#     cli: aws ssm send-command --document-name AWS-RunPatchBaseline --targets Key=InstanceIds,Values=INSTANCE --parameters Operation=Install
#     terraform: |
#       resource "aws_ssm_association" "patch" {
#         name             = "AWS-RunPatchBaseline"
#         schedule_expression = "rate(7 days)"
#         parameters = { Operation = "Install" }
#         targets {
#           key    = "tag:Patch"
#           values = ["true"]
#         }
#       }
package parapet.aws.ssm.ssm_managed_compliant_patching

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.Status == "COMPLIANT"

status := "FAIL" if attrs.Status == "NON_COMPLIANT"

missing := object.get(attrs, ["NonCompliantSummary", "NonCompliantCount"], 0)

reason := sprintf("managed node %s is compliant with its patch baseline", [input.resource.name]) if status == "PASS"

reason := sprintf("managed node %s is missing %d patches its baseline requires (severity %s)", [input.resource.name, missing, object.get(attrs, "OverallSeverity", "UNSPECIFIED")]) if status == "FAIL"
