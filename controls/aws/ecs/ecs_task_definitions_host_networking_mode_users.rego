# METADATA
# title: ECS task definitions on host networking run containers unprivileged and as a non-root user
# description: |
#   For task definitions with networkMode "host", checks that no container is privileged
#   and that every container names a user other than root (user unset means root).
#   Task definitions with other network modes pass.
# custom:
#   id: ecs_task_definitions_host_networking_mode_users
#   severity: high
#   service: ecs
#   resource_type: AWS::ECS::TaskDefinition
#   requires: [containerDefinitions, networkMode]
#   risk: A root or privileged container on the host's network stack can bind any port, sniff and alter other tasks' traffic, and reach the instance metadata service.
#   remediation:
#     text: Use the awsvpc or bridge network mode, or set a non-root user and privileged false on every container of host-mode tasks.
#     cli: aws ecs register-task-definition --cli-input-json file://task.json  # "networkMode": "awsvpc"
#     terraform: |
#       resource "aws_ecs_task_definition" "this" {
#         network_mode = "awsvpc"
#       }
package parapet.aws.ecs.ecs_task_definitions_host_networking_mode_users

import rego.v1

attrs := input.resource.attributes

root_user(c) if not c.user

root_user(c) if {
	user := split(c.user, ":")[0]
	user in {"root", "0", ""}
}

unsafe := sort([c.name |
	some c in attrs.containerDefinitions
	unsafe_container(c)
])

unsafe_container(c) if c.privileged == true

unsafe_container(c) if root_user(c)

host_network if attrs.networkMode == "host"

status := "PASS" if {
	is_array(attrs.containerDefinitions)
	not host_network
}

status := "PASS" if {
	host_network
	is_array(attrs.containerDefinitions)
	count(unsafe) == 0
}

status := "FAIL" if {
	host_network
	count(unsafe) > 0
}

reason := sprintf("task definition %s does not use host networking", [input.resource.name]) if {
	status == "PASS"
	not host_network
}

reason := sprintf("task definition %s uses host networking with unprivileged non-root containers", [input.resource.name]) if {
	status == "PASS"
	host_network
}

reason := sprintf("task definition %s uses host networking with privileged or root containers: %s", [input.resource.name, concat(", ", unsafe)]) if status == "FAIL"
