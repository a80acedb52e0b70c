# METADATA
# title: CodeBuild project writes build logs
# description: |
#   Checks that the project's logsConfig sends build logs to CloudWatch Logs or to S3
#   (either with status ENABLED).
# custom:
#   id: codebuild_project_logging_enabled
#   severity: medium
#   service: codebuild
#   resource_type: AWS::CodeBuild::Project
#   requires: [logsConfig]
#   risk: What a build ran, fetched and published cannot be reviewed after a supply-chain incident.
#   remediation:
#     text: Enable CloudWatch Logs (or S3) logging for the project.
#     cli: aws codebuild update-project --name PROJECT --logs-config "cloudWatchLogs={status=ENABLED}"
#     terraform: |
#       resource "aws_codebuild_project" "this" {
#         logs_config {
#           cloudwatch_logs {
#             status = "ENABLED"
#           }
#         }
#       }
package parapet.aws.codebuild.codebuild_project_logging_enabled

import rego.v1

logs := object.get(input.resource.attributes, "logsConfig", {})

destinations := sort([d |
	some d in ["cloudWatchLogs", "s3Logs"]
	object.get(logs, [d, "status"], "DISABLED") == "ENABLED"
])

status := "PASS" if count(destinations) > 0

status := "FAIL" if count(destinations) == 0

reason := sprintf("build project %s writes logs to %s", [input.resource.name, concat(" and ", destinations)]) if status == "PASS"

reason := sprintf("build project %s writes no build logs", [input.resource.name]) if status == "FAIL"
