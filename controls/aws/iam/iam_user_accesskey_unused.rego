# METADATA
# title: IAM users have no active access keys unused for 45 days
# description: |
#   CIS asks that credentials unused for 45 days or more be disabled. An active key
#   last used more than 45 days ago, or never used and created more than 45 days
#   ago, is not needed and should be deactivated. Reads the user's row of the
#   credential report.
# custom:
#   id: iam_user_accesskey_unused
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::User
#   requires: [credential]
#   risk: Forgotten active keys remain usable by anyone who finds them, and their misuse stands out less than that of keys in daily use.
#   remediation:
#     text: Deactivate access keys unused for 45 days, and delete them once nothing breaks.
#     cli: aws iam update-access-key --user-name USER --access-key-id AKIA... --status Inactive
package parapet.aws.iam.iam_user_accesskey_unused

import rego.v1

import data.parapet.lib.iam
import data.parapet.lib.util

cred := input.resource.attributes.credential

max_idle_days := 45

active := iam.active_access_keys(cred)

# A key with no known creation date is treated as old rather than passed.
unused contains key.number if {
	some key in active
	key.last_used != null
	not util.within_days(key.last_used, max_idle_days)
}

unused contains key.number if {
	some key in active
	key.last_used == null
	not util.within_days(key.last_rotated, max_idle_days)
}

status := "SKIPPED" if cred == null

status := "SKIPPED" if active == []

status := "FAIL" if count(unused) > 0

status := "PASS" if {
	count(active) > 0
	count(unused) == 0
}

key_list := concat(" and ", [sprintf("%d", [n]) | some n in sort(unused)])

reason := sprintf("user %s is not assessed: the credential report had no row for the user yet", [input.resource.name]) if cred == null

reason := sprintf("user %s has no active access keys", [input.resource.name]) if active == []

reason := sprintf("user %s has active access key %s unused for %d days or more", [input.resource.name, key_list, max_idle_days]) if status == "FAIL"

reason := sprintf("user %s used each of its active access keys within the last %d days", [input.resource.name, max_idle_days]) if status == "PASS"
