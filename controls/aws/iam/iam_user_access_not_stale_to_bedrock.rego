# METADATA
# title: IAM user with Amazon Bedrock permissions has used them in the last 90 days
# description: |
#   Checks IAM's service last accessed data for the user: when it holds permissions for
#   Amazon Bedrock (namespace bedrock) but has not authenticated to it for 90 days, or
#   never, the access is stale and should be removed. Users without Amazon Bedrock
#   permissions are skipped.
# custom:
#   id: iam_user_access_not_stale_to_bedrock
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::User
#   requires: [service_last_accessed]
#   risk: "Unused Amazon Bedrock access widens what a leaked credential can do: running or exfiltrating models and data, and running up costs."
#   remediation:
#     text: Remove the bedrock:* permissions from the user's policies (or detach the policy granting them).
#     cli: aws iam get-service-last-accessed-details --job-id $(aws iam generate-service-last-accessed-details --arn USER_ARN --query JobId --output text)
package parapet.aws.iam.iam_user_access_not_stale_to_bedrock

import rego.v1

import data.parapet.lib.util

services := input.resource.attributes.service_last_accessed

max_days := 90

granted if {
	is_object(services)
	"bedrock" in object.keys(services)
}

last := services["bedrock"] if granted

status := "SKIPPED" if {
	is_object(services)
	not granted
}

status := "PASS" if util.within_days(last, max_days)

status := "FAIL" if {
	granted
	not util.within_days(last, max_days)
}

reason := sprintf("IAM user %s has no Amazon Bedrock permissions", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("IAM user %s last used Amazon Bedrock %d day(s) ago", [input.resource.name, util.days_since(last)]) if status == "PASS"

reason := sprintf("IAM user %s has Amazon Bedrock permissions it has never used", [input.resource.name]) if {
	status == "FAIL"
	last == null
}

reason := sprintf("IAM user %s has not used its Amazon Bedrock permissions for %d days", [input.resource.name, util.days_since(last)]) if {
	status == "FAIL"
	is_string(last)
}
