# METADATA
# title: EFS file system policy does not let any client in
# description: |
#   Checks the file system policy for statements any principal can use (Principal "*", an
#   every-account ARN, or NotPrincipal) without a condition that pins the caller to known
#   accounts, organisations, source ARNs or networks. A file system without a policy
#   fails too: EFS then grants every client that reaches a mount target full access
#   (mount, write, root), the same as an open statement. aws:SecureTransport alone does
#   not restrict who connects. The analysis is the shared one of controls/lib/iam.rego.
# custom:
#   id: efs_not_publicly_accessible
#   severity: high
#   service: efs
#   resource_type: AWS::EFS::FileSystem
#   requires: [policy]
#   risk: Any client with a network path to a mount target (another VPC peered in, a compromised instance) can mount the file system and read or overwrite its files as root.
#   remediation:
#     text: Set a file system policy that names the roles allowed to mount (Principal with role ARNs, or aws:PrincipalArn / aws:PrincipalOrgID conditions) and have clients mount with IAM authorization.
#     cli: aws efs put-file-system-policy --file-system-id FILE_SYSTEM_ID --policy file://policy.json
#     terraform: |
#       resource "aws_efs_file_system_policy" "this" {
#         file_system_id = aws_efs_file_system.this.id
#         policy         = data.aws_iam_policy_document.mounters.json
#       }
package parapet.aws.efs.efs_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

status := "FAIL" if policy == null

status := resource_policy.status(policy) if policy != null

reason := sprintf("file system %s has no file system policy: every client that reaches a mount target has full access", [input.resource.name]) if policy == null

reason := resource_policy.reason("file system", input.resource.name, policy) if policy != null
