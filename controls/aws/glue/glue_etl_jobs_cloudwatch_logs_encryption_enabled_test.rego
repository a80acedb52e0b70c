package parapet.aws.glue.glue_etl_jobs_cloudwatch_logs_encryption_enabled_test

import rego.v1

import data.parapet.aws.glue.glue_etl_jobs_cloudwatch_logs_encryption_enabled as control

job(cfg) := {"resource": {"name": "etl", "attributes": {"security_configuration": cfg}}}

test_kms_passes if {
	control.status == "PASS" with input as job({"CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": "k"}})
}

test_disabled_or_no_configuration_fails if {
	control.status == "FAIL" with input as job({"CloudWatchEncryption": {"CloudWatchEncryptionMode": "DISABLED"}})
	control.status == "FAIL" with input as job(null)
	control.reason == "Glue job etl does not encrypt its CloudWatch logs" with input as job(null)
}
