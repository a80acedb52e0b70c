# METADATA
# title: No attached AWS-managed policy grants full administrative privileges
# description: |
#   AWS-managed policies such as AdministratorAccess allow every action on every
#   resource. CIS asks that no policy granting "*" on "*" be attached to users,
#   groups or roles; least-privilege policies should be used instead. Checks
#   AWS-managed policies that are attached to at least one identity.
# custom:
#   id: iam_aws_attached_policy_no_administrative_privileges
#   severity: high
#   service: iam
#   resource_type: AWS::IAM::Policy
#   requires: [aws_managed, AttachmentCount, document]
#   risk: Every identity holding the policy can do anything in the account, so one compromised user or role is a full account compromise.
#   remediation:
#     text: Find the users, groups and roles the policy is attached to, give them policies scoped to what they need, and detach the administrative policy; keep full administration to a few break-glass roles.
#     cli: aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
package parapet.aws.iam.iam_aws_attached_policy_no_administrative_privileges

import rego.v1

import data.parapet.lib.iam

attrs := input.resource.attributes

applies if {
	attrs.aws_managed == true
	attrs.AttachmentCount > 0
}

status := "SKIPPED" if not applies

status := "FAIL" if {
	applies
	iam.is_admin_document(attrs.document)
}

status := "PASS" if {
	applies
	is_object(attrs.document)
	not iam.is_admin_document(attrs.document)
}

reason := sprintf("policy %s is not an AWS-managed policy attached to an identity", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("AWS-managed policy %s grants full administrative privileges (all actions on all resources) and is attached to %d identities", [input.resource.name, attrs.AttachmentCount]) if status == "FAIL"

reason := sprintf("AWS-managed policy %s is attached but does not grant all actions on all resources", [input.resource.name]) if status == "PASS"
