# METADATA
# title: The IAM password policy prevents reuse of the last 24 passwords
# description: |
#   Password reuse prevention stops IAM users from cycling back to an old password
#   when forced to change it. CIS asks that the last 24 passwords be remembered;
#   with no password policy there is no reuse prevention at all.
# custom:
#   id: iam_password_policy_reuse_24
#   severity: medium
#   service: iam
#   resource_type: Parapet::Account::Settings
#   requires: [password_policy]
#   risk: A password that was exposed and then changed can come back into use, reopening the exposure.
#   remediation:
#     text: Set the account password policy's password reuse prevention to 24.
#     cli: aws iam update-account-password-policy --password-reuse-prevention 24 --minimum-password-length 14 (the call replaces the whole policy; repeat your other settings)
#     terraform: |
#       resource "aws_iam_account_password_policy" "this" {
#         minimum_password_length   = 14
#         password_reuse_prevention = 24
#       }
package parapet.aws.iam.iam_password_policy_reuse_24

import rego.v1

policy := input.resource.attributes.password_policy

# The API omits PasswordReusePrevention when reuse prevention is off.
remembered := object.get(policy, "PasswordReusePrevention", 0) if is_object(policy)

status := "FAIL" if policy == null

status := "FAIL" if remembered < 24

status := "PASS" if remembered >= 24

reason := sprintf("account %s has no IAM password policy, so passwords can be reused freely", [input.resource.name]) if policy == null

reason := sprintf("account %s prevents reuse of only the last %v IAM passwords, fewer than 24", [input.resource.name, remembered]) if remembered < 24

reason := sprintf("account %s prevents reuse of the last %v IAM passwords", [input.resource.name, remembered]) if remembered >= 24
