# METADATA
# title: Root account recovery does not depend on security questions alone
# description: |
#   CIS asks that security challenge questions be registered so AWS Support can
#   authenticate the owner when root credentials are lost. No API exposes them,
#   and AWS stopped accepting new questions in January 2024, so a person must
#   check how the root user would be recovered.
# custom:
#   id: account_security_questions_are_registered_in_the_aws_account
#   severity: low
#   service: account
#   resource_type: Parapet::Account::Settings
#   risk: If the root password and MFA device are lost, the owner may be unable to prove ownership and recover the account.
#   remediation:
#     text: Signed in as root, open Account settings and check whether security challenge questions are shown; where they are, keep the answers in a secure vault. In any case make sure the root email mailbox and the primary contact phone number are reachable, since AWS now recovers root access through them.
package parapet.aws.account.account_security_questions_are_registered_in_the_aws_account

import rego.v1

status := "INFO"

reason := sprintf(
	"account %s: no AWS API shows security challenge questions; sign in as root, check under Account settings whether they are registered with answers kept in a vault, and confirm the root email and primary contact phone used for recovery are reachable",
	[input.resource.name],
)
