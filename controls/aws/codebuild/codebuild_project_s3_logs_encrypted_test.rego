package parapet.aws.codebuild.codebuild_project_s3_logs_encrypted_test

import rego.v1

import data.parapet.aws.codebuild.codebuild_project_s3_logs_encrypted as control

project(s3) := {"resource": {"name": "build", "attributes": {"logsConfig": {"s3Logs": s3}}}}

test_encrypted_s3_logs_pass if {
	control.status == "PASS" with input as project({"status": "ENABLED", "location": "b/p", "encryptionDisabled": false})
	# encryptionDisabled defaults to false.
	control.status == "PASS" with input as project({"status": "ENABLED", "location": "b/p"})
}

test_unencrypted_fails if {
	inp := project({"status": "ENABLED", "location": "b/p", "encryptionDisabled": true})
	control.status == "FAIL" with input as inp
	control.reason == "build project build writes S3 build logs unencrypted" with input as inp
}

test_no_s3_logs_skipped if {
	control.status == "SKIPPED" with input as project({"status": "DISABLED"})
	control.status == "SKIPPED" with input as {"resource": {"name": "build", "attributes": {}}}
}
