# METADATA
# title: The root user has MFA enabled
# description: |
#   The root user can do anything in the account and cannot be restricted by IAM.
#   Requiring a second factor keeps a stolen or guessed root password from being
#   enough to sign in. Reads the root row of the credential report.
# custom:
#   id: iam_root_mfa_enabled
#   severity: critical
#   service: iam
#   resource_type: Parapet::Account::Settings
#   requires: [root]
#   risk: Anyone who obtains the root password, by phishing or reuse, takes full control of the account.
#   remediation:
#     text: Sign in as the root user, open Security credentials and assign an MFA device (preferably a hardware security key).
package parapet.aws.iam.iam_root_mfa_enabled

import rego.v1

root := input.resource.attributes.root

status := "PASS" if root.mfa_active == true

status := "FAIL" if root.mfa_active == false

reason := sprintf("the root user of account %s has MFA enabled", [input.resource.name]) if status == "PASS"

reason := sprintf("the root user of account %s has no MFA device, so its password alone signs in", [input.resource.name]) if status == "FAIL"
