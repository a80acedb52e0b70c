package parapet.aws.ecs.ecs_task_definitions_no_environment_secrets_test

import rego.v1

import data.parapet.aws.ecs.ecs_task_definitions_no_environment_secrets as control

td(containers) := {"resource": {"name": "web:3", "attributes": {"containerDefinitions": containers}}}

# An environment entry as the collector stores it: the value redacted, the judgement kept.
var(name, looks_secret) := {"name": name, "value": "[redacted]", "looks_secret": looks_secret}

test_plain_settings_and_secret_references_pass if {
	inp := td([{
		"name": "app",
		"environment": [var("LOG_LEVEL", false), var("DB_PASSWORD_ARN", false)],
		"secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:111122223333:secret:db"}],
	}])
	control.status == "PASS" with input as inp
}

test_password_in_environment_fails if {
	inp := td([
		{"name": "app", "environment": [var("DB_PASSWORD", true), var("PORT", false)]},
		{"name": "worker", "environment": [var("CONFIG", true)]},
	])
	control.status == "FAIL" with input as inp
	control.reason == "task definition web:3 has secret-looking environment variables: app/DB_PASSWORD, worker/CONFIG" with input as inp
}

# An entry without the collector's judgement is not taken as a finding.
test_entry_without_judgement_passes if {
	inp := td([{"name": "app", "environment": [{"name": "DB_PASSWORD", "value": "[redacted]"}]}])
	control.status == "PASS" with input as inp
}

test_no_environment_passes if control.status == "PASS" with input as td([{"name": "app"}])
