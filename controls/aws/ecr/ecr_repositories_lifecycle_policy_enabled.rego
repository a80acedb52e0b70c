# METADATA
# title: ECR repository has a lifecycle policy
# description: |
#   Checks that the repository has a lifecycle policy with at least one rule, so old and
#   untagged images are expired instead of kept (and deployable) forever.
# custom:
#   id: ecr_repositories_lifecycle_policy_enabled
#   severity: low
#   service: ecr
#   resource_type: AWS::ECR::Repository
#   requires: [lifecycle_policy]
#   risk: Outdated images with known vulnerabilities stay available to deploy, and storage grows without bound.
#   remediation:
#     text: Put a lifecycle policy that expires untagged images and keeps a bounded number of tagged ones.
#     cli: aws ecr put-lifecycle-policy --repository-name REPO --lifecycle-policy-text '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}'
#     terraform: |
#       resource "aws_ecr_lifecycle_policy" "this" {
#         repository = aws_ecr_repository.this.name
#         policy = jsonencode({ rules = [{ rulePriority = 1, selection = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 14 }, action = { type = "expire" } }] })
#       }
package parapet.aws.ecr.ecr_repositories_lifecycle_policy_enabled

import rego.v1

policy := input.resource.attributes.lifecycle_policy

rules := object.get(policy, "rules", []) if is_object(policy)

default rules := []

status := "PASS" if count(rules) > 0

status := "FAIL" if count(rules) == 0

reason := sprintf("repository %s expires images with %d lifecycle rules", [input.resource.name, count(rules)]) if status == "PASS"

reason := sprintf("repository %s has no lifecycle policy rules", [input.resource.name]) if status == "FAIL"
