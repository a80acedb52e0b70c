# METADATA
# title: CodeBuild project encrypts the build logs it writes to S3
# description: |
#   For projects that write build logs to S3, checks that log encryption is not turned
#   off (s3Logs.encryptionDisabled). Projects without S3 logs are skipped.
# custom:
#   id: codebuild_project_s3_logs_encrypted
#   severity: medium
#   service: codebuild
#   resource_type: AWS::CodeBuild::Project
#   requires: [logsConfig]
#   risk: Build logs often echo configuration, tokens and internal hostnames; unencrypted they are readable by anyone with access to the bucket's storage.
#   remediation:
#     text: Turn encryption of S3 build logs back on.
#     cli: aws codebuild update-project --name PROJECT --logs-config "s3Logs={status=ENABLED,location=BUCKET/prefix,encryptionDisabled=false}"
#     terraform: |
#       resource "aws_codebuild_project" "this" {
#         logs_config {
#           s3_logs {
#             status              = "ENABLED"
#             location            = "${aws_s3_bucket.logs.id}/build"
#             encryption_disabled = false
#           }
#         }
#       }
package parapet.aws.codebuild.codebuild_project_s3_logs_encrypted

import rego.v1

s3 := object.get(input.resource.attributes, ["logsConfig", "s3Logs"], {})

writes_s3 if s3.status == "ENABLED"

status := "SKIPPED" if not writes_s3

status := "PASS" if {
	writes_s3
	object.get(s3, "encryptionDisabled", false) != true
}

status := "FAIL" if {
	writes_s3
	s3.encryptionDisabled == true
}

reason := sprintf("build project %s writes no logs to S3", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("build project %s encrypts its S3 build logs", [input.resource.name]) if status == "PASS"

reason := sprintf("build project %s writes S3 build logs unencrypted", [input.resource.name]) if status == "FAIL"
