# METADATA
# title: Macie samples S3 data for sensitive content automatically
# description: |
#   Where Macie is enabled, checks that automated sensitive data discovery is on, so
#   Macie keeps sampling objects across the account's buckets and maps where personal
#   and financial data lives without anyone scheduling jobs. Regions where Macie is off
#   are skipped here (macie_is_enabled reports them).
# custom:
#   id: macie_automated_sensitive_data_discovery_enabled
#   severity: low
#   service: macie
#   resource_type: Parapet::Macie::RegionSettings
#   requires: [status, automated_discovery]
#   risk: Sensitive data lands in buckets nobody classified, so the controls it needs (encryption, access limits, retention) are never applied.
#   remediation:
#     text: Turn on automated sensitive data discovery in Macie for the region (from the delegated administrator account in an organisation).
#     cli: aws macie2 update-automated-discovery-configuration --status ENABLED
package parapet.aws.macie.macie_automated_sensitive_data_discovery_enabled

import rego.v1

attrs := input.resource.attributes

status := "SKIPPED" if attrs.status != "ENABLED"

status := "PASS" if {
	attrs.status == "ENABLED"
	attrs.automated_discovery == "ENABLED"
}

status := "FAIL" if {
	attrs.status == "ENABLED"
	attrs.automated_discovery != "ENABLED"
}

reason := sprintf("Macie is not enabled in %s", [input.resource.region]) if status == "SKIPPED"

reason := sprintf("Macie runs automated sensitive data discovery in %s", [input.resource.region]) if status == "PASS"

reason := sprintf("Macie is enabled in %s but automated sensitive data discovery is off", [input.resource.region]) if status == "FAIL"
