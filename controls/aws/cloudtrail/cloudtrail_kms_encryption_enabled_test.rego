package parapet.aws.cloudtrail.cloudtrail_kms_encryption_enabled_test

import rego.v1

import data.parapet.aws.cloudtrail.cloudtrail_kms_encryption_enabled as control

trail(attrs) := {"resource": {"name": "main", "attributes": attrs}}

key_arn := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

test_key_passes if {
	control.status == "PASS" with input as trail({"KmsKeyId": key_arn})
}

test_null_key_fails if {
	control.status == "FAIL" with input as trail({"KmsKeyId": null})
}

test_empty_key_fails if {
	control.status == "FAIL" with input as trail({"KmsKeyId": ""})
}

test_absent_key_fails if {
	control.status == "FAIL" with input as trail({})
}

test_reason_is_defined if {
	# (bind first: regorus mis-evaluates a package rule used beside `with`)
	r := control.reason with input as trail({"KmsKeyId": key_arn})
	contains(r, key_arn)
	contains(control.reason, "main") with input as trail({"KmsKeyId": null})
}
