# METADATA
# title: Customer-managed IAM policies do not grant full access to CloudTrail
# description: |
#   Checks that the policy does not allow every CloudTrail action (cloudtrail:*, or * / a
#   NotAction that leaves CloudTrail in) on every resource. Full access includes stopping
#   and deleting trails, which is how an intruder hides what they do next.
# custom:
#   id: iam_policy_no_full_access_to_cloudtrail
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::Policy
#   requires: [aws_managed, document, AttachmentCount]
#   risk: A holder can stop logging or delete trails and event data stores, blinding detection and destroying the audit trail an investigation needs.
#   remediation:
#     text: Grant read actions (LookupEvents, Describe*, Get*) to those who review logs; keep trail changes to a dedicated administration role, ideally behind an organisation SCP.
#     cli: aws iam create-policy-version --policy-arn ARN --policy-document file://scoped.json --set-as-default
#     terraform: |
#       data "aws_iam_policy_document" "trail_readers" {
#         statement {
#           actions   = ["cloudtrail:LookupEvents", "cloudtrail:GetTrailStatus", "cloudtrail:DescribeTrails"]
#           resources = ["*"]
#         }
#       }
package parapet.aws.iam.iam_policy_no_full_access_to_cloudtrail

import rego.v1

import data.parapet.lib.iam

attrs := input.resource.attributes

# AWS-managed policies are AWS's text; whether to attach them is judged elsewhere.
status := "SKIPPED" if attrs.aws_managed == true

findings := iam.service_wildcard_statements(attrs.document, "cloudtrail")

status := "FAIL" if {
	attrs.aws_managed == false
	count(findings) > 0
}

status := "PASS" if {
	attrs.aws_managed == false
	is_object(attrs.document)
	count(findings) == 0
}

attached := sprintf("attached to %d identities", [object.get(attrs, "AttachmentCount", 0)])

reason := sprintf("policy %s is AWS-managed; its content is not judged here", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("customer-managed policy %s allows every CloudTrail action on every resource (%s)", [input.resource.name, attached]) if status == "FAIL"

reason := sprintf("customer-managed policy %s does not allow every CloudTrail action on every resource", [input.resource.name]) if status == "PASS"
