package parapet.aws.ecs.ecs_task_definitions_logging_enabled_test

import rego.v1

import data.parapet.aws.ecs.ecs_task_definitions_logging_enabled as control

td(containers) := {"resource": {"name": "web:3", "attributes": {"containerDefinitions": containers}}}

awslogs := {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web"}}

test_every_container_logs_passes if {
	inp := td([{"name": "app", "logConfiguration": awslogs}, {"name": "fl", "logConfiguration": {"logDriver": "awsfirelens"}}])
	control.status == "PASS" with input as inp
}

test_container_without_configuration_fails if {
	inp := td([{"name": "app", "logConfiguration": awslogs}, {"name": "sidecar"}])
	control.status == "FAIL" with input as inp
	control.reason == "task definition web:3 has containers without a log driver: sidecar" with input as inp
}

test_empty_driver_fails if control.status == "FAIL" with input as td([{"name": "a", "logConfiguration": {"logDriver": ""}}])
