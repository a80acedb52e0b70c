# METADATA
# title: A security alternate contact is registered
# description: |
#   AWS sends security notifications, such as exposed credentials or abuse reports,
#   to the security alternate contact in addition to the root email. Without one,
#   these notices reach only the root mailbox.
# custom:
#   id: account_security_contact_information_is_registered
#   severity: medium
#   service: account
#   resource_type: Parapet::Account::Settings
#   requires: [contacts]
#   risk: Security notices from AWS about leaked keys or a compromised account reach nobody on the security team and the incident runs longer.
#   remediation:
#     text: Register a security alternate contact (a team mailbox and phone number) under Account settings, Alternate contacts.
#     cli: aws account put-alternate-contact --alternate-contact-type SECURITY --name "Security Team" --title "Security" --email-address security@example.com --phone-number +15555550100
#     terraform: |
#       resource "aws_account_alternate_contact" "security" {
#         alternate_contact_type = "SECURITY"
#         name                   = "Security Team"
#         title                  = "Security"
#         email_address          = "security@example.com"
#         phone_number           = "+15555550100"
#       }
package parapet.aws.account.account_security_contact_information_is_registered

import rego.v1

contacts := input.resource.attributes.contacts

status := "PASS" if is_object(contacts.security)

status := "FAIL" if contacts.security == null

reason := sprintf("account %s has a security alternate contact registered (%s)", [input.resource.name, object.get(contacts.security, "EmailAddress", "no email")]) if status == "PASS"

reason := sprintf("account %s has no security alternate contact, so AWS security notices go only to the root email", [input.resource.name]) if status == "FAIL"
