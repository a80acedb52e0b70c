# METADATA
# title: IAM users have at most one active access key
# description: |
#   A second active key is meant only for the short overlap of a rotation. Users who
#   keep two active keys double the long-lived secrets to protect and usually lose
#   track of one of them. Reads the user's row of the credential report.
# custom:
#   id: iam_user_two_active_access_key
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::User
#   requires: [credential]
#   risk: A forgotten second key stays valid after the other is rotated and can be used by whoever holds it.
#   remediation:
#     text: Find which key is still in use (its last-used date), deactivate the other, then delete it.
#     cli: aws iam update-access-key --user-name USER --access-key-id AKIA... --status Inactive
package parapet.aws.iam.iam_user_two_active_access_key

import rego.v1

import data.parapet.lib.iam

cred := input.resource.attributes.credential

active := iam.active_access_keys(cred)

status := "SKIPPED" if cred == null

status := "FAIL" if count(active) > 1

status := "PASS" if count(active) <= 1

reason := sprintf("user %s is not assessed: the credential report had no row for the user yet", [input.resource.name]) if cred == null

reason := sprintf("user %s has two active access keys", [input.resource.name]) if status == "FAIL"

reason := sprintf("user %s has %d active access key(s)", [input.resource.name, count(active)]) if status == "PASS"
