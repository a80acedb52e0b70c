# METADATA
# title: No attached customer-managed policy grants full administrative privileges
# description: |
#   A customer-managed policy that allows every action on every resource (including
#   through NotAction or NotResource) hands full control of the account to whoever
#   holds it. CIS asks that such policies not be attached. Checks customer-managed
#   policies attached to at least one identity.
# custom:
#   id: iam_customer_attached_policy_no_administrative_privileges
#   severity: high
#   service: iam
#   resource_type: AWS::IAM::Policy
#   requires: [aws_managed, AttachmentCount, document]
#   risk: Every identity holding the policy can do anything in the account, so one compromised user or role is a full account compromise.
#   remediation:
#     text: Rewrite the policy to list the actions and resources its holders need, or detach it; keep full administration to a few break-glass roles.
#     cli: aws iam create-policy-version --policy-arn ARN --policy-document file://scoped.json --set-as-default
#     cloudformation: |
#       Policy:
#         Type: AWS::IAM::ManagedPolicy
#         Properties:
#           PolicyDocument:
#             Version: "2012-10-17"
#             Statement:
#               - Effect: Allow
#                 Action: ["s3:GetObject"]
#                 Resource: "arn:aws:s3:::example-bucket/*"
#     terraform: |
#       data "aws_iam_policy_document" "scoped" {
#         statement {
#           actions   = ["s3:GetObject"]
#           resources = ["arn:aws:s3:::example-bucket/*"]
#         }
#       }
package parapet.aws.iam.iam_customer_attached_policy_no_administrative_privileges

import rego.v1

import data.parapet.lib.iam

attrs := input.resource.attributes

applies if {
	attrs.aws_managed == false
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

reason := sprintf("policy %s is not a customer-managed policy attached to an identity", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("customer-managed policy %s grants full administrative privileges (all actions on all resources) and is attached to %d identities", [input.resource.name, attrs.AttachmentCount]) if status == "FAIL"

reason := sprintf("customer-managed policy %s is attached but does not grant all actions on all resources", [input.resource.name]) if status == "PASS"
