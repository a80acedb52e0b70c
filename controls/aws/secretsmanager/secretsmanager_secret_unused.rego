# METADATA
# title: Secrets Manager secret has been used in the last 90 days
# description: |
#   Checks LastAccessedDate (the day the secret's value was last retrieved, kept by
#   Secrets Manager at day precision). A secret nobody has read for 90 days is probably no
#   longer needed and is a credential with no owner watching it. A secret never read fails
#   once it is older than 90 days; a younger one passes.
# custom:
#   id: secretsmanager_secret_unused
#   severity: low
#   service: secretsmanager
#   resource_type: AWS::SecretsManager::Secret
#   requires: [LastAccessedDate, CreatedDate]
#   risk: Forgotten secrets keep working credentials alive that nobody rotates, reviews or notices being misused.
#   remediation:
#     text: Confirm the secret is unused (CloudTrail GetSecretValue events), then schedule its deletion.
#     cli: aws secretsmanager delete-secret --secret-id SECRET --recovery-window-in-days 30
package parapet.aws.secretsmanager.secretsmanager_secret_unused

import rego.v1

import data.parapet.lib.util

attrs := input.resource.attributes

max_days := 90

accessed := attrs.LastAccessedDate

status := "PASS" if util.within_days(accessed, max_days)

status := "FAIL" if {
	is_string(accessed)
	not util.within_days(accessed, max_days)
}

# Never read: judge by age, so a secret created last week is not reported.
status := "PASS" if {
	accessed == null
	util.within_days(attrs.CreatedDate, max_days)
}

status := "FAIL" if {
	accessed == null
	is_string(attrs.CreatedDate)
	not util.within_days(attrs.CreatedDate, max_days)
}

reason := sprintf("secret %s was last read %d day(s) ago", [input.resource.name, util.days_since(accessed)]) if {
	status == "PASS"
	is_string(accessed)
}

reason := sprintf("secret %s has not been read for %d days (more than %d)", [input.resource.name, util.days_since(accessed), max_days]) if {
	status == "FAIL"
	is_string(accessed)
}

reason := sprintf("secret %s has never been read; it was created %d day(s) ago", [input.resource.name, util.days_since(attrs.CreatedDate)]) if {
	status == "PASS"
	accessed == null
}

reason := sprintf("secret %s has never been read since it was created %d days ago", [input.resource.name, util.days_since(attrs.CreatedDate)]) if {
	status == "FAIL"
	accessed == null
}
