# METADATA
# title: Console users have no access keys that were never used
# description: |
#   Creating an access key by default when a console user is set up leaves active
#   long-lived keys that nobody needs. An active key that has never been used, on a
#   user who also has a console password, is the sign of such a setup-time key.
#   Reads the user's row of the credential report.
# custom:
#   id: iam_user_no_setup_initial_access_key
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::User
#   requires: [credential]
#   risk: Unneeded active keys can leak from a laptop, script or repository and be used without anyone noticing they existed.
#   remediation:
#     text: Delete the unused access key; create keys only when the user actually needs programmatic access, and prefer IAM Identity Center or roles for that.
#     cli: aws iam delete-access-key --user-name USER --access-key-id AKIA...
package parapet.aws.iam.iam_user_no_setup_initial_access_key

import rego.v1

import data.parapet.lib.iam

cred := input.resource.attributes.credential

never_used contains key.number if {
	some key in iam.active_access_keys(cred)
	key.last_used == null
}

status := "SKIPPED" if cred == null

status := "SKIPPED" if cred.password_enabled == false

status := "FAIL" if {
	cred.password_enabled == true
	count(never_used) > 0
}

status := "PASS" if {
	cred.password_enabled == true
	count(never_used) == 0
}

reason := sprintf("user %s is not assessed: the credential report had no row for the user yet", [input.resource.name]) if cred == null

reason := sprintf("user %s has no console password, so setup-time access keys do not apply", [input.resource.name]) if cred.password_enabled == false

reason := sprintf("user %s has a console password and active access key %s that has never been used", [input.resource.name, concat(" and ", [sprintf("%d", [n]) | some n in sort(never_used)])]) if status == "FAIL"

reason := sprintf("user %s has a console password and no active access key that was never used", [input.resource.name]) if status == "PASS"
