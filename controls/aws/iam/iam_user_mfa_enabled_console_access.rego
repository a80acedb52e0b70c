# METADATA
# title: IAM users with a console password have MFA enabled
# description: |
#   An IAM user who can sign in to the console with a password should need a second
#   factor too. Users without a console password are not in scope. Reads the user's
#   row of the credential report.
# custom:
#   id: iam_user_mfa_enabled_console_access
#   severity: high
#   service: iam
#   resource_type: AWS::IAM::User
#   requires: [credential]
#   risk: A phished, guessed or reused password is enough to sign in as the user with all of its permissions.
#   remediation:
#     text: Have the user register an MFA device (Security credentials, Assign MFA device), and consider a policy that denies actions without aws:MultiFactorAuthPresent; if the user does not need the console, delete its login profile instead.
#     cli: aws iam delete-login-profile --user-name USER (when the user does not need console access)
package parapet.aws.iam.iam_user_mfa_enabled_console_access

import rego.v1

cred := input.resource.attributes.credential

status := "SKIPPED" if cred == null

status := "SKIPPED" if cred.password_enabled == false

status := "PASS" if {
	cred.password_enabled == true
	cred.mfa_active == true
}

status := "FAIL" if {
	cred.password_enabled == true
	cred.mfa_active == false
}

reason := sprintf("user %s is not assessed: the credential report had no row for the user yet", [input.resource.name]) if cred == null

reason := sprintf("user %s has no console password, so console MFA does not apply", [input.resource.name]) if cred.password_enabled == false

reason := sprintf("user %s has a console password and MFA enabled", [input.resource.name]) if status == "PASS"

reason := sprintf("user %s has a console password but no MFA device", [input.resource.name]) if status == "FAIL"
