package parapet.aws.glue.glue_etl_jobs_amazon_s3_encryption_enabled_test

import rego.v1

import data.parapet.aws.glue.glue_etl_jobs_amazon_s3_encryption_enabled as control

job(attrs) := {"resource": {"name": "etl", "attributes": attrs}}

test_kms_configuration_passes if {
	inp := job({"security_configuration": {"S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": "k"}]}})
	control.status == "PASS" with input as inp
	control.reason == "Glue job etl encrypts its S3 output" with input as inp
}

test_argument_passes if control.status == "PASS" with input as job({"security_configuration": null, "DefaultArguments": {"--encryption-type": "sse-s3"}})

test_disabled_or_missing_fails if {
	control.status == "FAIL" with input as job({"security_configuration": {"S3Encryption": [{"S3EncryptionMode": "DISABLED"}]}})
	control.status == "FAIL" with input as job({"security_configuration": null})
	control.reason == "Glue job etl does not encrypt its S3 output" with input as job({"security_configuration": null})
}
