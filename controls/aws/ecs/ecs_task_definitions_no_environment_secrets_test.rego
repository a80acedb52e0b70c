package parapet.aws.ecs.ecs_task_definitions_no_environment_secrets_test

import rego.v1

import data.parapet.aws.ecs.ecs_task_definitions_no_environment_secrets as control

td(containers) := {"resource": {"name": "web:3", "attributes": {"containerDefinitions": containers}}}

test_plain_settings_and_secret_references_pass if {
	inp := td([{
		"name": "app",
		"environment": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "DB_PASSWORD_ARN", "value": "arn:aws:secretsmanager:us-east-1:111122223333:secret:db"}],
		"secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:111122223333:secret:db"}],
	}])
	control.status == "PASS" with input as inp
}

test_password_in_environment_fails if {
	inp := td([
		{"name": "app", "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]},
		{"name": "worker", "environment": [{"name": "CONFIG", "value": "AKIAIOSFODNN7EXAMPLE"}]},
	])
	control.status == "FAIL" with input as inp
	control.reason == "task definition web:3 has secret-looking environment variables: app/DB_PASSWORD, worker/CONFIG" with input as inp
}

test_no_environment_passes if control.status == "PASS" with input as td([{"name": "app"}])
