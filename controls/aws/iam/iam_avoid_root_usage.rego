# METADATA
# title: The root user has not been used in the last 90 days
# description: |
#   Day-to-day work should use IAM roles or users; the root user is kept for the few
#   tasks only it can do. Recent sign-ins or access-key use by root, read from the
#   credential report, show it is being used routinely.
# custom:
#   id: iam_avoid_root_usage
#   severity: high
#   service: iam
#   resource_type: Parapet::Account::Settings
#   requires: [root]
#   risk: Routine use of the one identity that no policy can restrict multiplies the chances its credentials are exposed or misused.
#   remediation:
#     text: Find out who used the root user and why (CloudTrail events with userIdentity.type Root), move that work to IAM roles, and keep root for the tasks that require it.
package parapet.aws.iam.iam_avoid_root_usage

import rego.v1

import data.parapet.lib.util

root := input.resource.attributes.root

window_days := 90

# Each credential the root user has and when it was last used.
last_used := {
	"password": root.password_last_used,
	"access key 1": root.access_key_1_last_used_date,
	"access key 2": root.access_key_2_last_used_date,
}

recently_used contains credential if {
	some credential, ts in last_used
	util.within_days(ts, window_days)
}

status := "FAIL" if count(recently_used) > 0

status := "PASS" if {
	is_object(root)
	count(recently_used) == 0
}

reason := sprintf("the root user of account %s was used in the last %d days (%s)", [input.resource.name, window_days, concat(", ", sort(recently_used))]) if status == "FAIL"

reason := sprintf("the root user of account %s has not signed in or used an access key in the last %d days", [input.resource.name, window_days]) if status == "PASS"
