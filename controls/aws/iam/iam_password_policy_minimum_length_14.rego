# METADATA
# title: The IAM password policy requires at least 14 characters
# description: |
#   The account password policy sets the rules for IAM users' console passwords.
#   CIS asks for a minimum length of 14; without a policy AWS accepts passwords of
#   8 characters.
# custom:
#   id: iam_password_policy_minimum_length_14
#   severity: medium
#   service: iam
#   resource_type: Parapet::Account::Settings
#   requires: [password_policy]
#   risk: Short IAM user passwords fall to guessing and credential-stuffing attacks on the console.
#   remediation:
#     text: Set the account password policy's minimum password length to 14 or more.
#     cli: aws iam update-account-password-policy --minimum-password-length 14 (the call replaces the whole policy; repeat your other settings)
#     terraform: |
#       resource "aws_iam_account_password_policy" "this" {
#         minimum_password_length = 14
#         password_reuse_prevention = 24
#       }
package parapet.aws.iam.iam_password_policy_minimum_length_14

import rego.v1

policy := input.resource.attributes.password_policy

min_length := object.get(policy, "MinimumPasswordLength", 0) if is_object(policy)

status := "FAIL" if policy == null

status := "FAIL" if min_length < 14

status := "PASS" if min_length >= 14

reason := sprintf("account %s has no IAM password policy, so passwords of 8 characters are accepted", [input.resource.name]) if policy == null

reason := sprintf("account %s requires IAM passwords of only %v characters, fewer than 14", [input.resource.name, min_length]) if min_length < 14

reason := sprintf("account %s requires IAM passwords of at least %v characters", [input.resource.name, min_length]) if min_length >= 14
