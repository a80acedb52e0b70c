package parapet.aws.s3.s3_bucket_lifecycle_enabled_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_lifecycle_enabled as control

bucket(rules) := {"resource": {"name": "b", "attributes": {"lifecycle_rules": rules}}}

test_enabled_rule_passes if control.status == "PASS" with input as bucket([{"ID": "expire", "Status": "Enabled"}])

test_only_disabled_rules_fail if {
	control.status == "FAIL" with input as bucket([{"ID": "expire", "Status": "Disabled"}])
	control.reason == "bucket b has no enabled lifecycle rule" with input as bucket([])
}

test_unknown_decides_nothing if not control.status with input as bucket(null)
