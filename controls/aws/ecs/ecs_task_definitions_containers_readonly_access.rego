# METADATA
# title: ECS task definition containers have read-only root file systems
# description: |
#   Checks that every container definition of the task definition sets
#   readonlyRootFilesystem to true.
# custom:
#   id: ecs_task_definitions_containers_readonly_access
#   severity: high
#   service: ecs
#   resource_type: AWS::ECS::TaskDefinition
#   requires: [containerDefinitions]
#   risk: An attacker who gets code running in a container can change its binaries and configuration, and keep a foothold across requests.
#   remediation:
#     text: Register a new revision with readonlyRootFilesystem true for every container, mounting volumes only where the application must write.
#     cli: aws ecs register-task-definition --cli-input-json file://task.json  # with "readonlyRootFilesystem": true in each container
#     terraform: |
#       resource "aws_ecs_task_definition" "this" {
#         container_definitions = jsonencode([{
#           name                   = "app"
#           readonlyRootFilesystem = true
#         }])
#       }
package parapet.aws.ecs.ecs_task_definitions_containers_readonly_access

import rego.v1

containers := input.resource.attributes.containerDefinitions

writable := sort([c.name | some c in containers; object.get(c, "readonlyRootFilesystem", false) != true])

status := "PASS" if {
	is_array(containers)
	count(writable) == 0
}

status := "FAIL" if count(writable) > 0

reason := sprintf("task definition %s runs every container with a read-only root file system", [input.resource.name]) if status == "PASS"

reason := sprintf("task definition %s lets containers write their root file system: %s", [input.resource.name, concat(", ", writable)]) if status == "FAIL"
