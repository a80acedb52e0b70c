# METADATA
# title: ECS task definition does not share the host's process or IPC namespace
# description: |
#   Checks that the task definition's pidMode and ipcMode are not "host". With "host",
#   containers see and can signal every process on the instance, or share its memory
#   segments.
# custom:
#   id: ecs_task_definitions_host_namespace_not_shared
#   severity: high
#   service: ecs
#   resource_type: AWS::ECS::TaskDefinition
#   requires: [containerDefinitions, pidMode, ipcMode]
#   risk: A compromised container can inspect or kill other tasks' processes and read secrets from their memory or environment.
#   remediation:
#     text: Register a new revision without pidMode and ipcMode "host" (use "task" when containers of one task must share them).
#     cli: aws ecs register-task-definition --cli-input-json file://task.json  # with "pidMode": "task"
#     terraform: |
#       resource "aws_ecs_task_definition" "this" {
#         pid_mode = "task"
#         ipc_mode = "task"
#       }
package parapet.aws.ecs.ecs_task_definitions_host_namespace_not_shared

import rego.v1

attrs := input.resource.attributes

shared := sort([mode | some mode in ["pidMode", "ipcMode"]; object.get(attrs, mode, null) == "host"])

status := "PASS" if {
	is_array(attrs.containerDefinitions)
	count(shared) == 0
}

status := "FAIL" if count(shared) > 0

reason := sprintf("task definition %s keeps its processes apart from the host's", [input.resource.name]) if status == "PASS"

reason := sprintf("task definition %s shares the host's namespaces (%s = host)", [input.resource.name, concat(", ", shared)]) if status == "FAIL"
