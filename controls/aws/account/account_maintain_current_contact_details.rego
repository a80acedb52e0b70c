# METADATA
# title: Account contact details are current
# description: |
#   AWS uses the account's primary and alternate contacts to reach the owner about
#   security incidents, abuse reports and billing problems. The APIs show what is
#   registered but not whether it still reaches the right people, so a person must
#   confirm it.
# custom:
#   id: account_maintain_current_contact_details
#   severity: low
#   service: account
#   resource_type: Parapet::Account::Settings
#   also_reads: [contacts]
#   risk: AWS notices about a compromise or abuse go to a former employee or a dead mailbox and are not acted on in time.
#   remediation:
#     text: Review the primary contact and the billing, operations and security alternate contacts under Account settings, and update any that are out of date; use team addresses and numbers rather than individuals.
#     cli: aws account put-contact-information --contact-information FullName=NAME,AddressLine1=ADDRESS,City=CITY,PostalCode=CODE,CountryCode=CC,PhoneNumber=+PHONE
#     terraform: |
#       resource "aws_account_primary_contact" "this" {
#         full_name      = "Security Team"
#         address_line_1 = "1 Example Street"
#         city           = "Example City"
#         country_code   = "US"
#         postal_code    = "00000"
#         phone_number   = "+15555550100"
#       }
package parapet.aws.account.account_maintain_current_contact_details

import rego.v1

# The verdict is always a person's; `contacts` only enriches the reason, so it is in
# `also_reads`, not `requires` (a failed read must not hide the manual step).
status := "INFO"

primary := input.resource.attributes.contacts.primary

field(name) := object.get(primary, name, "not set")

reason := sprintf(
	"account %s: confirm that the primary contact (registered as %s, phone %s, %s) and the billing, operations and security alternate contacts are current and reach people who will act on AWS notices",
	[input.resource.name, field("FullName"), field("PhoneNumber"), field("CountryCode")],
) if is_object(primary)

reason := sprintf(
	"account %s: confirm under Account settings that the primary contact and the billing, operations and security alternate contacts are current and reach people who will act on AWS notices",
	[input.resource.name],
) if not is_object(primary)
