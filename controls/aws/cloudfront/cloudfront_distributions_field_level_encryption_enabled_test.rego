package parapet.aws.cloudfront.cloudfront_distributions_field_level_encryption_enabled_test

import rego.v1

import data.parapet.aws.cloudfront.cloudfront_distributions_field_level_encryption_enabled as control

dist(behaviour) := {"resource": {"name": "E1", "attributes": {"DefaultCacheBehavior": behaviour}}}

test_configured_passes if {
	inp := dist({"FieldLevelEncryptionId": "C3EXAMPLE"})
	control.status == "PASS" with input as inp
	control.reason == "distribution E1 encrypts fields with configuration C3EXAMPLE" with input as inp
}

test_absent_fails if {
	control.status == "FAIL" with input as dist({"FieldLevelEncryptionId": null})
	control.reason == "distribution E1 has no field-level encryption on its default cache behaviour" with input as dist({})
}

test_empty_string_fails if control.status == "FAIL" with input as dist({"FieldLevelEncryptionId": ""})
