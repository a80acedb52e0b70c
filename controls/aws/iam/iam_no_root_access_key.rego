# METADATA
# title: The root user has no active access keys
# description: |
#   Access keys on the root user give unrestricted, unscoped programmatic control of
#   the account that no IAM policy or permission boundary can limit. Reads the root
#   row of the credential report.
# custom:
#   id: iam_no_root_access_key
#   severity: critical
#   service: iam
#   resource_type: Parapet::Account::Settings
#   requires: [root]
#   risk: A leaked root key gives an attacker full, unrestrictable control of the account, including closing it and locking out its owners.
#   remediation:
#     text: Sign in as the root user, open Security credentials and delete (not just deactivate) every root access key; use IAM roles for automation instead.
#     cli: aws iam delete-access-key --access-key-id AKIA... (run with the root user's own credentials)
package parapet.aws.iam.iam_no_root_access_key

import rego.v1

root := input.resource.attributes.root

status := "FAIL" if {
	some n in [1, 2]
	root[sprintf("access_key_%d_active", [n])] == true
}

status := "PASS" if {
	root.access_key_1_active == false
	root.access_key_2_active == false
}

reason := sprintf("the root user of account %s has an active access key", [input.resource.name]) if status == "FAIL"

reason := sprintf("the root user of account %s has no active access keys", [input.resource.name]) if status == "PASS"
