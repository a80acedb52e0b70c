# METADATA
# title: Account is a member of an AWS Organization
# description: |
#   Checks DescribeOrganization for the scanned account: an account in an organization can
#   be governed centrally (service control policies, organization trails, delegated
#   security services). The reason names the organization and its management account; an
#   account outside any organization fails.
# custom:
#   id: organizations_account_part_of_organizations
#   severity: medium
#   service: organizations
#   resource_type: Parapet::Organizations::AccountSettings
#   requires: [organization]
#   risk: "The account stands alone: no service control policies limit it and organization-wide logging and security services do not cover it."
#   remediation:
#     text: Invite the account into the organization from its management account (or create an organization), then accept the invitation.
#     cli: aws organizations invite-account-to-organization --target Id=ACCOUNT_ID,Type=ACCOUNT
package parapet.aws.organizations.organizations_account_part_of_organizations

import rego.v1

org := input.resource.attributes.organization

status := "PASS" if is_object(org)

status := "FAIL" if org == null

reason := sprintf("account %s belongs to organization %v (management account %v)", [input.resource.name, org.Id, org.MasterAccountId]) if status == "PASS"

reason := sprintf("account %s is not a member of any AWS Organization", [input.resource.name]) if status == "FAIL"
