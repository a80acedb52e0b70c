package parapet.aws.iam.iam_check_saml_providers_sts_test

import rego.v1

import data.parapet.aws.iam.iam_check_saml_providers_sts as control

settings(providers) := {"resource": {"name": "123456789012", "attributes": {"saml_providers": providers}}}

test_identity_center_provider_passes if {
	inp := settings(["arn:aws:iam::123456789012:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE"])
	control.status == "PASS" with input as inp
	contains(control.reason, "123456789012") with input as inp
}

test_no_provider_fails if {
	control.status == "FAIL" with input as settings([])
	contains(control.reason, "IAM users") with input as settings([])
}

test_absent_attribute_does_not_pass if not control.status with input as settings(null)
