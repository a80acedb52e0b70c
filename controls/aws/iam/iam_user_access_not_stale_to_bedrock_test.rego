package parapet.aws.iam.iam_user_access_not_stale_to_bedrock_test

import rego.v1

import data.parapet.aws.iam.iam_user_access_not_stale_to_bedrock as control

res(services) := {"now": "2026-06-30T00:00:00Z", "resource": {"name": "analyst", "attributes": {"service_last_accessed": services}}}

test_recent_use_passes if {
	inp := res({"bedrock": "2026-06-20T00:00:00Z", "s3": null})
	control.status == "PASS" with input as inp
	control.reason == "IAM user analyst last used Amazon Bedrock 10 day(s) ago" with input as inp
}

test_never_used_fails if {
	control.status == "FAIL" with input as res({"bedrock": null})
	control.reason == "IAM user analyst has Amazon Bedrock permissions it has never used" with input as res({"bedrock": null})
}

test_old_use_fails if {
	control.status == "FAIL" with input as res({"bedrock": "2026-01-01T00:00:00Z"})
	control.reason == "IAM user analyst has not used its Amazon Bedrock permissions for 180 days" with input as res({"bedrock": "2026-01-01T00:00:00Z"})
}

test_without_permissions_is_skipped if {
	control.status == "SKIPPED" with input as res({"s3": "2026-06-29T00:00:00Z"})
	control.reason == "IAM user analyst has no Amazon Bedrock permissions" with input as res({"s3": null})
}

test_unreadable_decides_nothing if not control.status with input as res(null)
