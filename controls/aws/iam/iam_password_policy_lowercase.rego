# METADATA
# title: The IAM password policy requires a lowercase letter
# description: |
#   Checks that the account password policy makes IAM users' console passwords contain
#   at least one lowercase letter. Without a password policy nothing is required.
# custom:
#   id: iam_password_policy_lowercase
#   severity: medium
#   service: iam
#   resource_type: Parapet::Account::Settings
#   requires: [password_policy]
#   risk: Passwords drawn from a smaller character set are faster to guess or crack, which helps console credential attacks.
#   remediation:
#     text: Turn on the requirement in the account password policy (the update replaces the whole policy, so restate the other settings).
#     cli: aws iam update-account-password-policy --require-lowercase-characters --minimum-password-length 14 --password-reuse-prevention 24
#     terraform: |
#       resource "aws_iam_account_password_policy" "this" {
#         minimum_password_length = 14
#         require_lowercase_characters = true
#       }
package parapet.aws.iam.iam_password_policy_lowercase

import rego.v1

policy := input.resource.attributes.password_policy

status := "FAIL" if policy == null

status := "PASS" if policy.RequireLowercaseCharacters == true

status := "FAIL" if {
	is_object(policy)
	not policy.RequireLowercaseCharacters == true
}

reason := sprintf("account %s has no IAM password policy, so passwords need not contain a lowercase letter", [input.resource.name]) if policy == null

reason := sprintf("account %s requires IAM passwords to contain a lowercase letter", [input.resource.name]) if status == "PASS"

reason := sprintf("account %s does not require IAM passwords to contain a lowercase letter", [input.resource.name]) if {
	is_object(policy)
	status == "FAIL"
}
