package parapet.aws.codebuild.codebuild_project_no_secrets_in_variables_test

import rego.v1

import data.parapet.aws.codebuild.codebuild_project_no_secrets_in_variables as control

project(vars) := {"resource": {"name": "build", "attributes": {"environment": {"environmentVariables": vars}}}}

test_references_pass if {
	inp := project([
		{"name": "DB_PASSWORD", "value": "prod/db:password", "type": "SECRETS_MANAGER"},
		{"name": "API_TOKEN", "value": "/ci/token", "type": "PARAMETER_STORE"},
		{"name": "STAGE", "value": "prod", "type": "PLAINTEXT"},
	])
	control.status == "PASS" with input as inp
}

test_plain_text_secret_fails if {
	inp := project([{"name": "DB_PASSWORD", "value": "hunter2", "type": "PLAINTEXT"}, {"name": "KEY", "value": "AKIAIOSFODNN7EXAMPLE"}])
	control.status == "FAIL" with input as inp
	control.reason == "build project build has secret-looking plain-text variables: DB_PASSWORD, KEY" with input as inp
}

test_no_variables_pass if control.status == "PASS" with input as {"resource": {"name": "build", "attributes": {}}}
