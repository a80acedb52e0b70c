# METADATA
# title: ECR repository policy does not let anyone pull or push images
# description: |
#   Checks the repository policy for statements any AWS principal can use (Principal "*",
#   an every-account ARN, or NotPrincipal) without a condition that pins the caller to known
#   accounts, organisations, source ARNs or networks. A repository without a policy is
#   reachable only by the account's own principals and passes. The analysis is the shared
#   one of controls/lib/iam.rego.
# custom:
#   id: ecr_repositories_not_publicly_accessible
#   severity: critical
#   service: ecr
#   resource_type: AWS::ECR::Repository
#   requires: [policy]
#   risk: Anyone with an AWS account can pull the images (code, embedded configuration and secrets) or, with push actions, replace them with their own.
#   remediation:
#     text: Remove the open statement, or name the accounts that may pull (Principal with account ARNs, or aws:PrincipalOrgID).
#     cli: aws ecr set-repository-policy --repository-name REPOSITORY --policy-text file://policy.json
#     terraform: |
#       resource "aws_ecr_repository_policy" "this" {
#         repository = aws_ecr_repository.this.name
#         policy     = data.aws_iam_policy_document.pullers.json
#       }
package parapet.aws.ecr.ecr_repositories_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

status := resource_policy.status(policy)

reason := resource_policy.reason("repository", input.resource.name, policy)
