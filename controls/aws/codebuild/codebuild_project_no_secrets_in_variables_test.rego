package parapet.aws.codebuild.codebuild_project_no_secrets_in_variables_test

import rego.v1

import data.parapet.aws.codebuild.codebuild_project_no_secrets_in_variables as control

project(vars) := {"resource": {"name": "build", "attributes": {"environment": {"environmentVariables": vars}}}}

# A variable as the collector stores it: the value redacted, the judgement kept.
var(name, type, looks_secret) := {"name": name, "value": "[redacted]", "type": type, "looks_secret": looks_secret}

test_references_pass if {
	inp := project([
		var("DB_PASSWORD", "SECRETS_MANAGER", false),
		var("API_TOKEN", "PARAMETER_STORE", false),
		var("STAGE", "PLAINTEXT", false),
	])
	control.status == "PASS" with input as inp
}

# Only plain-text variables hold their value: a reference type is never a finding.
test_reference_types_are_not_looked_at if {
	inp := project([var("API_TOKEN", "PARAMETER_STORE", true)])
	control.status == "PASS" with input as inp
}

test_plain_text_secret_fails if {
	key := object.remove(var("KEY", "PLAINTEXT", true), ["type"])
	inp := project([var("DB_PASSWORD", "PLAINTEXT", true), key])
	control.status == "FAIL" with input as inp
	control.reason == "build project build has secret-looking plain-text variables: DB_PASSWORD, KEY" with input as inp
}

test_no_variables_pass if control.status == "PASS" with input as {"resource": {"name": "build", "attributes": {}}}
