# METADATA
# title: ECS Fargate service runs on the latest platform version
# description: |
#   For services on Fargate (launch type or a FARGATE capacity provider), checks that the
#   platform version is LATEST or the newest one of its OS family (1.4.0 for Linux,
#   1.0.0 for Windows). Services on EC2 or external instances are skipped.
# custom:
#   id: ecs_service_fargate_latest_platform_version
#   severity: medium
#   service: ecs
#   resource_type: AWS::ECS::Service
#   requires: [platformFamily, platformVersion, uses_fargate]
#   risk: Older platform versions miss kernel, runtime and agent security fixes and features such as encrypted ephemeral storage.
#   remediation:
#     text: Update the service to platform version LATEST and force a new deployment.
#     cli: aws ecs update-service --cluster CLUSTER --service SERVICE --platform-version LATEST --force-new-deployment
#     terraform: |
#       resource "aws_ecs_service" "this" {
#         platform_version = "LATEST"
#       }
package parapet.aws.ecs.ecs_service_fargate_latest_platform_version

import rego.v1

attrs := input.resource.attributes

# The newest Fargate platform version of each OS family (AWS's platform version list).
latest := {"LINUX": "1.4.0", "WINDOWS_SERVER": "1.0.0"}

family := "WINDOWS_SERVER" if startswith(object.get(attrs, "platformFamily", ""), "WINDOWS")

default family := "LINUX"

version := object.get(attrs, "platformVersion", "LATEST")

current if version == "LATEST"

current if version == latest[family]

status := "SKIPPED" if attrs.uses_fargate == false

status := "PASS" if {
	attrs.uses_fargate == true
	current
}

status := "FAIL" if {
	attrs.uses_fargate == true
	not current
}

reason := sprintf("service %s does not run on Fargate", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("Fargate service %s runs platform version %s", [input.resource.name, version]) if status == "PASS"

reason := sprintf("Fargate service %s runs platform version %s, not the latest (%s)", [input.resource.name, version, latest[family]]) if status == "FAIL"
