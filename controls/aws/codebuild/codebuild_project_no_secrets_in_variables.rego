# METADATA
# title: CodeBuild project keeps secrets out of plain-text environment variables
# description: |
#   Checks the project's PLAINTEXT environment variables for values that look like
#   credentials (AWS access keys, private keys, well-known token formats) or that sit
#   under names such as PASSWORD, SECRET, TOKEN or API_KEY. Variables of type
#   PARAMETER_STORE or SECRETS_MANAGER hold references and are not looked at. The
#   values themselves are never stored: the collector judges each one and keeps only
#   that judgement (`looks_secret`). A match is a heuristic that needs a person to
#   confirm it.
# custom:
#   id: codebuild_project_no_secrets_in_variables
#   severity: critical
#   service: codebuild
#   resource_type: AWS::CodeBuild::Project
#   requires: [environment]
#   risk: Anyone who can read the project's configuration, or its build logs, gets the credential.
#   remediation:
#     text: Store the value in Secrets Manager or Parameter Store, change the variable's type to SECRETS_MANAGER or PARAMETER_STORE, and rotate the exposed secret.
#     cli: aws codebuild update-project --name PROJECT --environment "type=LINUX_CONTAINER,image=IMAGE,computeType=BUILD_GENERAL1_SMALL,environmentVariables=[{name=DB_PASSWORD,value=prod/db:password,type=SECRETS_MANAGER}]"
#     terraform: |
#       environment {
#         environment_variable {
#           name  = "DB_PASSWORD"
#           value = "prod/db:password"
#           type  = "SECRETS_MANAGER"
#         }
#       }
package parapet.aws.codebuild.codebuild_project_no_secrets_in_variables

import rego.v1

import data.parapet.lib.secrets

variables := object.get(input.resource.attributes, ["environment", "environmentVariables"], [])

exposed := sort([v.name |
	some v in variables
	object.get(v, "type", "PLAINTEXT") == "PLAINTEXT"
	secrets.flagged(v)
])

status := "PASS" if count(exposed) == 0

status := "FAIL" if count(exposed) > 0

reason := sprintf("build project %s has no secret-looking plain-text variables", [input.resource.name]) if status == "PASS"

reason := sprintf("build project %s has secret-looking plain-text variables: %s", [input.resource.name, concat(", ", exposed)]) if status == "FAIL"
