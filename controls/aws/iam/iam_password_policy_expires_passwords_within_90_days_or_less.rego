# METADATA
# title: IAM user passwords expire within 90 days
# description: |
#   Checks that the account password policy sets a maximum password age between 1 and
#   90 days. Without a policy, or without a maximum age, console passwords never expire.
# custom:
#   id: iam_password_policy_expires_passwords_within_90_days_or_less
#   severity: medium
#   service: iam
#   resource_type: Parapet::Account::Settings
#   requires: [password_policy]
#   risk: A leaked or guessed password stays usable indefinitely; frameworks such as PCI DSS require periodic change for passwords used as the only factor.
#   remediation:
#     text: Set the password policy's maximum password age to 90 days or fewer (the update replaces the whole policy, so restate the other settings). Prefer MFA on every console user; expiry matters most where a password is the only factor.
#     cli: aws iam update-account-password-policy --max-password-age 90 --minimum-password-length 14 --password-reuse-prevention 24
#     terraform: |
#       resource "aws_iam_account_password_policy" "this" {
#         minimum_password_length = 14
#         max_password_age        = 90
#       }
package parapet.aws.iam.iam_password_policy_expires_passwords_within_90_days_or_less

import rego.v1

policy := input.resource.attributes.password_policy

max_age := object.get(policy, "MaxPasswordAge", null) if is_object(policy)

# MaxPasswordAge is 1..1095 when set; the API omits it when passwords never expire.
expires_in_time if {
	is_number(max_age)
	max_age >= 1
	max_age <= 90
}

status := "FAIL" if policy == null

status := "PASS" if expires_in_time

status := "FAIL" if {
	is_object(policy)
	not expires_in_time
}

reason := sprintf("account %s has no IAM password policy, so passwords never expire", [input.resource.name]) if policy == null

reason := sprintf("account %s makes IAM passwords expire after %v days", [input.resource.name, max_age]) if status == "PASS"

reason := sprintf("account %s lets IAM passwords live %v days, more than 90", [input.resource.name, max_age]) if {
	is_object(policy)
	is_number(max_age)
	not expires_in_time
}

reason := sprintf("account %s has a password policy without a maximum password age, so passwords never expire", [input.resource.name]) if {
	is_object(policy)
	not is_number(max_age)
}
