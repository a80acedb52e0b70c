# METADATA
# title: ECR repository scans images when they are pushed
# description: |
#   Checks that images pushed to the repository are scanned for vulnerabilities: either
#   the repository's own scanOnPush setting, or a registry scanning rule (basic or
#   enhanced, SCAN_ON_PUSH or CONTINUOUS_SCAN) whose wildcard filter matches the
#   repository's name.
# custom:
#   id: ecr_repositories_scan_images_on_push_enabled
#   severity: medium
#   service: ecr
#   resource_type: AWS::ECR::Repository
#   requires: [registry_scanning, imageScanningConfiguration]
#   risk: Images with known vulnerable packages are deployed without anyone being told.
#   remediation:
#     text: Turn on scan on push for the repository, or add a registry scanning rule that covers it.
#     cli: aws ecr put-image-scanning-configuration --repository-name REPO --image-scanning-configuration scanOnPush=true
#     terraform: |
#       resource "aws_ecr_repository" "this" {
#         image_scanning_configuration {
#           scan_on_push = true
#         }
#       }
package parapet.aws.ecr.ecr_repositories_scan_images_on_push_enabled

import rego.v1

attrs := input.resource.attributes

own_setting if attrs.imageScanningConfiguration.scanOnPush == true

registry_rule if {
	some rule in object.get(attrs, ["registry_scanning", "rules"], [])
	rule.scanFrequency in {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}
	some f in rule.repositoryFilters
	glob.match(f.filter, [], input.resource.name)
}

status := "PASS" if own_setting

status := "PASS" if registry_rule

status := "FAIL" if {
	not own_setting
	not registry_rule
}

reason := sprintf("repository %s scans images on push", [input.resource.name]) if own_setting

reason := sprintf("repository %s is scanned by a registry scanning rule", [input.resource.name]) if {
	not own_setting
	registry_rule
}

reason := sprintf("repository %s does not scan pushed images", [input.resource.name]) if status == "FAIL"
