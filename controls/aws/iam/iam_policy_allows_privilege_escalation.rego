# METADATA
# title: No customer-managed IAM policy lets its holder escalate privileges
# description: |
#   Checks the default version of each customer-managed policy for actions, alone or in
#   known combinations, that let a principal give itself more rights (the published
#   escalation paths in controls/lib/iam_escalation.rego, matched as IAM reads actions:
#   wildcards, any case, NotAction; unconditional Deny statements are subtracted).
#   AWS-managed policies are AWS's text and are skipped here.
# custom:
#   id: iam_policy_allows_privilege_escalation
#   severity: high
#   service: iam
#   resource_type: AWS::IAM::Policy
#   requires: [aws_managed, document, AttachmentCount]
#   risk: Every identity the policy is attached to can turn itself into an administrator, so the limits the policy appears to set do not hold.
#   remediation:
#     text: Remove the escalation actions or scope them to resources that cannot raise privileges (for iam:PassRole, name the roles and add an iam:PassedToService condition); grant IAM changes only to administrators.
#     cli: aws iam create-policy-version --policy-arn ARN --policy-document file://without-escalation.json --set-as-default
#     terraform: |
#       resource "aws_iam_policy" "app" {
#         policy = data.aws_iam_policy_document.app_without_iam_writes.json
#       }
package parapet.aws.iam.iam_policy_allows_privilege_escalation

import rego.v1

import data.parapet.lib.iam_escalation

attrs := input.resource.attributes

status := "SKIPPED" if attrs.aws_managed == true

findings := iam_escalation.granted_paths(attrs.document)

status := "FAIL" if {
	attrs.aws_managed == false
	is_object(attrs.document)
	count(findings) > 0
}

status := "PASS" if {
	attrs.aws_managed == false
	is_object(attrs.document)
	count(findings) == 0
}

attached := sprintf("attached to %d identities", [object.get(attrs, "AttachmentCount", 0)])

reason := sprintf("policy %s is AWS-managed; its content is not judged here", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("customer-managed policy %s (%s) lets its holders escalate privileges through %s", [input.resource.name, attached, iam_escalation.summary(findings, 8)]) if status == "FAIL"

reason := sprintf("customer-managed policy %s contains no known privilege-escalation path", [input.resource.name]) if status == "PASS"
