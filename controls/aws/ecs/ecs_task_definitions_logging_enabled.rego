# METADATA
# title: ECS task definition containers send their logs somewhere
# description: |
#   Checks that every container definition has a logConfiguration with a log driver
#   (awslogs, awsfirelens, splunk, ...).
# custom:
#   id: ecs_task_definitions_logging_enabled
#   severity: medium
#   service: ecs
#   resource_type: AWS::ECS::TaskDefinition
#   requires: [containerDefinitions]
#   risk: Application output, errors and signs of intrusion are lost when the task stops.
#   remediation:
#     text: Register a new revision with a logConfiguration (for example the awslogs driver to a CloudWatch Logs group) on every container.
#     cli: aws ecs register-task-definition --cli-input-json file://task.json  # "logConfiguration": {"logDriver": "awslogs", "options": {...}}
#     terraform: |
#       container_definitions = jsonencode([{
#         name = "app"
#         logConfiguration = {
#           logDriver = "awslogs"
#           options   = { "awslogs-group" = "/ecs/app", "awslogs-region" = "us-east-1", "awslogs-stream-prefix" = "app" }
#         }
#       }])
package parapet.aws.ecs.ecs_task_definitions_logging_enabled

import rego.v1

containers := input.resource.attributes.containerDefinitions

silent := sort([c.name | some c in containers; not logs(c)])

logs(c) if {
	is_string(c.logConfiguration.logDriver)
	c.logConfiguration.logDriver != ""
}

status := "PASS" if {
	is_array(containers)
	count(silent) == 0
}

status := "FAIL" if count(silent) > 0

reason := sprintf("task definition %s configures a log driver for every container", [input.resource.name]) if status == "PASS"

reason := sprintf("task definition %s has containers without a log driver: %s", [input.resource.name, concat(", ", silent)]) if status == "FAIL"
