# METADATA
# title: The root user uses a hardware MFA device
# description: |
#   A virtual MFA app lives on a phone or laptop that can be lost, cloned or
#   compromised along with other credentials. CIS asks that the root user's second
#   factor be a dedicated hardware device (a TOTP token or FIDO security key).
# custom:
#   id: iam_root_hardware_mfa_enabled
#   severity: high
#   service: iam
#   resource_type: Parapet::Account::Settings
#   requires: [root, root_virtual_mfa]
#   risk: A compromised or backed-up phone can yield both the root password and its second factor.
#   remediation:
#     text: Sign in as the root user, register a hardware TOTP token or FIDO security key under Security credentials, then remove the virtual MFA device.
package parapet.aws.iam.iam_root_hardware_mfa_enabled

import rego.v1

attrs := input.resource.attributes

status := "PASS" if {
	attrs.root.mfa_active == true
	attrs.root_virtual_mfa == false
}

status := "FAIL" if attrs.root.mfa_active == false

status := "FAIL" if {
	attrs.root.mfa_active == true
	attrs.root_virtual_mfa == true
}

reason := sprintf("the root user of account %s has MFA and no virtual MFA device, so its device is hardware", [input.resource.name]) if status == "PASS"

reason := sprintf("the root user of account %s has no MFA device at all", [input.resource.name]) if {
	status == "FAIL"
	attrs.root.mfa_active == false
}

reason := sprintf("the root user of account %s uses a virtual MFA device rather than a hardware one", [input.resource.name]) if {
	status == "FAIL"
	attrs.root.mfa_active == true
}
