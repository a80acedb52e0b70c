# METADATA
# title: No inline IAM policy lets its holder escalate privileges
# description: |
#   Checks inline policies for actions, alone or in known combinations, that let a
#   principal give itself more rights: writing or attaching policies, creating keys or
#   passwords for others, or passing a role to a compute service it controls
#   (iam:PassRole with ec2:RunInstances, lambda:CreateFunction, ...). The published paths
#   (Rhino Security Labs, Bishop Fox, pathfinding.cloud, Prowler) are a table in
#   controls/lib/iam_escalation.rego; actions match as IAM reads them (wildcards, any
#   case, NotAction) and unconditional Deny statements are subtracted.
# custom:
#   id: iam_inline_policy_allows_privilege_escalation
#   severity: high
#   service: iam
#   resource_type: Parapet::IAM::InlinePolicy
#   requires: [PolicyDocument, PolicyName, principal_name, principal_type]
#   risk: A limited identity can turn itself into an administrator, so the limits its policy appears to set do not hold.
#   remediation:
#     text: Remove the escalation actions or scope them to resources that cannot raise privileges (for iam:PassRole, name the roles and add an iam:PassedToService condition); grant IAM changes only to administrators.
#     cli: aws iam put-role-policy --role-name ROLE --policy-name NAME --policy-document file://without-escalation.json
#     terraform: |
#       resource "aws_iam_role_policy" "app" {
#         role   = aws_iam_role.app.id
#         policy = data.aws_iam_policy_document.app_without_iam_writes.json
#       }
package parapet.aws.iam.iam_inline_policy_allows_privilege_escalation

import rego.v1

import data.parapet.lib.iam_escalation

attrs := input.resource.attributes

findings := iam_escalation.granted_paths(attrs.PolicyDocument)

status := "FAIL" if {
	is_object(attrs.PolicyDocument)
	count(findings) > 0
}

status := "PASS" if {
	is_object(attrs.PolicyDocument)
	count(findings) == 0
}

owner := sprintf("%s %s", [object.get(attrs, "principal_type", "identity"), object.get(attrs, "principal_name", "?")])

paths := iam_escalation.summary(findings, 8)

reason := sprintf("inline policy %s of %s lets its holder escalate privileges through %s", [object.get(attrs, "PolicyName", input.resource.name), owner, paths]) if status == "FAIL"

reason := sprintf("inline policy %s of %s contains no known privilege-escalation path", [object.get(attrs, "PolicyName", input.resource.name), owner]) if status == "PASS"
