package parapet.aws.account.account_maintain_current_contact_details_test

import rego.v1

import data.parapet.aws.account.account_maintain_current_contact_details as control

settings(contacts) := {"resource": {"name": "123456789012", "attributes": {"contacts": contacts}}}

test_info_with_primary_contact_names_it if {
	inp := settings({"primary": {"FullName": "Ops Team", "PhoneNumber": "+15555550100", "CountryCode": "US"}, "security": null})
	control.status == "INFO" with input as inp
	contains(control.reason, "Ops Team") with input as inp
	contains(control.reason, "123456789012") with input as inp
}

test_info_without_primary_contact if {
	inp := settings({"primary": null, "security": null})
	control.status == "INFO" with input as inp
	contains(control.reason, "Account settings") with input as inp
}

test_info_when_contacts_could_not_be_read if {
	inp := {"resource": {"name": "123456789012", "attributes": {"errors": {"contacts": "AccessDenied"}}}}
	control.status == "INFO" with input as inp
	control.reason with input as inp
}

test_partial_primary_contact if {
	inp := settings({"primary": {"FullName": "Ops Team"}})
	contains(control.reason, "phone not set") with input as inp
}
