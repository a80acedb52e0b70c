# METADATA
# title: AWSCloudShellFullAccess is not attached to any identity
# description: |
#   CloudShell gives a browser shell with the caller's credentials and lets files be
#   uploaded to and downloaded from it. The AWS-managed AWSCloudShellFullAccess policy
#   grants all of that, including file transfer, which is a path to move data out of the
#   account unseen by network controls. Reports the policy when it is attached; other
#   managed policies are skipped. An unattached policy is not collected, so a clean
#   account has no finding for this control.
# custom:
#   id: iam_policy_cloudshell_admin_not_attached
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::Policy
#   requires: [Arn, AttachmentCount]
#   risk: Holders can upload tools to, and download data from, a shell running with their credentials, bypassing egress filtering.
#   remediation:
#     text: Detach AWSCloudShellFullAccess from every user, group and role; where CloudShell is needed, grant a custom policy that denies cloudshell:GetFileDownloadUrls and cloudshell:GetFileUploadUrls.
#     cli: aws iam detach-role-policy --role-name ROLE --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess
#     terraform: |
#       data "aws_iam_policy_document" "cloudshell_no_files" {
#         statement {
#           effect    = "Deny"
#           actions   = ["cloudshell:GetFileDownloadUrls", "cloudshell:GetFileUploadUrls"]
#           resources = ["*"]
#         }
#       }
package parapet.aws.iam.iam_policy_cloudshell_admin_not_attached

import rego.v1

attrs := input.resource.attributes

# Any partition: arn:aws:..., arn:aws-us-gov:..., arn:aws-cn:...
is_cloudshell_full_access if regex.match(`^arn:[a-z-]+:iam::aws:policy/AWSCloudShellFullAccess$`, attrs.Arn)

status := "SKIPPED" if not is_cloudshell_full_access

status := "FAIL" if {
	is_cloudshell_full_access
	attrs.AttachmentCount > 0
}

status := "PASS" if {
	is_cloudshell_full_access
	attrs.AttachmentCount == 0
}

reason := sprintf("policy %s is not AWSCloudShellFullAccess", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("AWSCloudShellFullAccess is attached to %d identities", [attrs.AttachmentCount]) if status == "FAIL"

reason := "AWSCloudShellFullAccess is not attached to any identity" if status == "PASS"
