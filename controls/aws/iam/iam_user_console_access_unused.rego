# METADATA
# title: IAM users have no console password unused for 45 days
# description: |
#   CIS asks that credentials unused for 45 days or more be disabled. A console
#   password last used more than 45 days ago, or never used although it was set
#   more than 45 days ago, is not needed. Reads the user's row of the credential
#   report.
# custom:
#   id: iam_user_console_access_unused
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::User
#   requires: [credential]
#   risk: Dormant console logins of departed or inactive people can be taken over by password guessing or reuse and go unnoticed.
#   remediation:
#     text: Remove the console password of users who have not signed in for 45 days (their login profile); give it back when they need it.
#     cli: aws iam delete-login-profile --user-name USER
package parapet.aws.iam.iam_user_console_access_unused

import rego.v1

import data.parapet.lib.util

cred := input.resource.attributes.credential

max_idle_days := 45

unused if {
	cred.password_last_used != null
	not util.within_days(cred.password_last_used, max_idle_days)
}

# Never used: judge by how long the password has existed. A password set recently
# on an old user (password_last_changed) has not had 45 days to be used yet.
unused if {
	cred.password_last_used == null
	not util.within_days(cred.user_creation_time, max_idle_days)
	not util.within_days(cred.password_last_changed, max_idle_days)
}

status := "SKIPPED" if cred == null

status := "SKIPPED" if cred.password_enabled == false

status := "FAIL" if {
	cred.password_enabled == true
	unused
}

status := "PASS" if {
	cred.password_enabled == true
	not unused
}

reason := sprintf("user %s is not assessed: the credential report had no row for the user yet", [input.resource.name]) if cred == null

reason := sprintf("user %s has no console password", [input.resource.name]) if cred.password_enabled == false

reason := sprintf("user %s has a console password last used on %s, %d days or more ago", [input.resource.name, cred.password_last_used, max_idle_days]) if {
	status == "FAIL"
	cred.password_last_used != null
}

reason := sprintf("user %s has a console password set %d days or more ago that has never been used", [input.resource.name, max_idle_days]) if {
	status == "FAIL"
	cred.password_last_used == null
}

reason := sprintf("user %s has a console password in use or set within the last %d days", [input.resource.name, max_idle_days]) if status == "PASS"
