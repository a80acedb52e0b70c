# METADATA
# title: ECS task definition has no privileged containers
# description: |
#   Checks that no container definition sets privileged to true.
# custom:
#   id: ecs_task_definitions_no_privileged_containers
#   severity: high
#   service: ecs
#   resource_type: AWS::ECS::TaskDefinition
#   requires: [containerDefinitions]
#   risk: A privileged container has root on the host instance, with access to every other task and the instance's credentials.
#   remediation:
#     text: Register a new revision with privileged false (or unset), granting only the Linux capabilities the container needs through linuxParameters.
#     cli: aws ecs register-task-definition --cli-input-json file://task.json  # "privileged": false
#     terraform: |
#       container_definitions = jsonencode([{
#         name       = "app"
#         privileged = false
#       }])
package parapet.aws.ecs.ecs_task_definitions_no_privileged_containers

import rego.v1

containers := input.resource.attributes.containerDefinitions

privileged := sort([c.name | some c in containers; c.privileged == true])

status := "PASS" if {
	is_array(containers)
	count(privileged) == 0
}

status := "FAIL" if count(privileged) > 0

reason := sprintf("task definition %s has no privileged containers", [input.resource.name]) if status == "PASS"

reason := sprintf("task definition %s runs privileged containers: %s", [input.resource.name, concat(", ", privileged)]) if status == "FAIL"
