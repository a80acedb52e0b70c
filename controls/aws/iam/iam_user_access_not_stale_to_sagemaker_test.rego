package parapet.aws.iam.iam_user_access_not_stale_to_sagemaker_test

import rego.v1

import data.parapet.aws.iam.iam_user_access_not_stale_to_sagemaker as control

res(services) := {"now": "2026-06-30T00:00:00Z", "resource": {"name": "analyst", "attributes": {"service_last_accessed": services}}}

test_recent_use_passes if {
	inp := res({"sagemaker": "2026-06-20T00:00:00Z", "s3": null})
	control.status == "PASS" with input as inp
	control.reason == "IAM user analyst last used Amazon SageMaker 10 day(s) ago" with input as inp
}

test_never_used_fails if {
	control.status == "FAIL" with input as res({"sagemaker": null})
	control.reason == "IAM user analyst has Amazon SageMaker permissions it has never used" with input as res({"sagemaker": null})
}

test_old_use_fails if {
	control.status == "FAIL" with input as res({"sagemaker": "2026-01-01T00:00:00Z"})
	control.reason == "IAM user analyst has not used its Amazon SageMaker permissions for 180 days" with input as res({"sagemaker": "2026-01-01T00:00:00Z"})
}

test_without_permissions_is_skipped if {
	control.status == "SKIPPED" with input as res({"s3": "2026-06-29T00:00:00Z"})
	control.reason == "IAM user analyst has no Amazon SageMaker permissions" with input as res({"s3": null})
}

test_unreadable_decides_nothing if not control.status with input as res(null)
