# METADATA
# title: Active access keys are rotated at least every 90 days
# description: |
#   Long-lived access keys collect in scripts, CI settings and laptops over time.
#   Rotating them every 90 days limits how long a leaked key stays useful. Reads the
#   creation or last rotation date of each active key from the credential report.
# custom:
#   id: iam_rotate_access_key_90_days
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::User
#   requires: [credential]
#   risk: A key leaked months ago still works, giving an attacker lasting access with the user's permissions.
#   remediation:
#     text: Create a second key, move its consumers to it, deactivate and then delete the old key; better still, replace user keys with roles.
#     cli: aws iam create-access-key --user-name USER && aws iam update-access-key --user-name USER --access-key-id OLD_KEY --status Inactive
package parapet.aws.iam.iam_rotate_access_key_90_days

import rego.v1

import data.parapet.lib.iam
import data.parapet.lib.util

cred := input.resource.attributes.credential

max_age_days := 90

active := iam.active_access_keys(cred) if is_object(cred)

# An active key without a known creation date is treated as overdue.
overdue contains key.number if {
	some key in active
	not util.within_days(key.last_rotated, max_age_days)
}

status := "SKIPPED" if cred == null

status := "SKIPPED" if active == []

status := "FAIL" if count(overdue) > 0

status := "PASS" if {
	count(active) > 0
	count(overdue) == 0
}

reason := sprintf("user %s is not assessed: the credential report had no row for the user yet", [input.resource.name]) if cred == null

reason := sprintf("user %s has no active access keys to rotate", [input.resource.name]) if active == []

reason := sprintf("user %s has active access key %s not rotated in %d days or more", [input.resource.name, concat(" and ", [sprintf("%d", [n]) | some n in sort(overdue)]), max_age_days]) if status == "FAIL"

reason := sprintf("user %s rotated each of its active access keys within the last %d days", [input.resource.name, max_age_days]) if status == "PASS"
