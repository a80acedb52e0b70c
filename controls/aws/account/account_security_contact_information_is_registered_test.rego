package parapet.aws.account.account_security_contact_information_is_registered_test

import rego.v1

import data.parapet.aws.account.account_security_contact_information_is_registered as control

settings(security) := {"resource": {"name": "123456789012", "attributes": {"contacts": {
	"security": security, "billing": null, "operations": null, "primary": null,
}}}}

security_contact := {
	"AlternateContactType": "SECURITY", "Name": "Sec Team", "Title": "Security",
	"EmailAddress": "sec@example.com", "PhoneNumber": "+15555550100",
}

test_registered_passes if {
	control.status == "PASS" with input as settings(security_contact)
	contains(control.reason, "sec@example.com") with input as settings(security_contact)
}

test_missing_fails if {
	control.status == "FAIL" with input as settings(null)
	contains(control.reason, "123456789012") with input as settings(null)
}

test_only_billing_contact_fails if {
	inp := {"resource": {"name": "a", "attributes": {"contacts": {
		"security": null,
		"billing": {"AlternateContactType": "BILLING", "EmailAddress": "b@example.com"},
	}}}}
	control.status == "FAIL" with input as inp
}

# No contacts object at all: the control must not pass.
test_absent_contacts_does_not_pass if {
	not control.status with input as {"resource": {"name": "a", "attributes": {}}}
}
