# METADATA
# title: ECS task definitions keep secrets out of container environment variables
# description: |
#   Checks the plain environment variables of every container for values that look like
#   credentials (AWS access keys, private keys, well-known token formats) or that sit
#   under names such as PASSWORD, SECRET, TOKEN or API_KEY. Variables passed through
#   `secrets` (Secrets Manager or Parameter Store references) are not looked at. The
#   values themselves are never stored: the collector judges each one and keeps only
#   that judgement (`looks_secret`). This is a heuristic: a match needs a person to
#   confirm it.
# custom:
#   id: ecs_task_definitions_no_environment_secrets
#   severity: critical
#   service: ecs
#   resource_type: AWS::ECS::TaskDefinition
#   requires: [containerDefinitions]
#   risk: Anyone allowed to describe task definitions (a read-only role, a support tool) reads the secret, and it stays in every old revision.
#   remediation:
#     text: Move the value into Secrets Manager or Parameter Store, reference it under the container's `secrets`, register a new revision, rotate the exposed secret and deregister old revisions.
#     cli: aws ecs register-task-definition --cli-input-json file://task.json  # "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:..."}]
#     terraform: |
#       container_definitions = jsonencode([{
#         name    = "app"
#         secrets = [{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }]
#       }])
package parapet.aws.ecs.ecs_task_definitions_no_environment_secrets

import rego.v1

import data.parapet.lib.secrets

containers := input.resource.attributes.containerDefinitions

exposed := sort([sprintf("%s/%s", [c.name, v.name]) |
	some c in containers
	some v in object.get(c, "environment", [])
	secrets.flagged(v)
])

status := "PASS" if {
	is_array(containers)
	count(exposed) == 0
}

status := "FAIL" if count(exposed) > 0

reason := sprintf("task definition %s has no secret-looking environment variables", [input.resource.name]) if status == "PASS"

reason := sprintf("task definition %s has secret-looking environment variables: %s", [input.resource.name, concat(", ", exposed)]) if status == "FAIL"
