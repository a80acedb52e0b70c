# METADATA
# title: ECR registry policy does not let any account replicate into the registry
# description: |
#   Checks the region's private registry policy (GetRegistryPolicy), which grants other
#   accounts ecr:ReplicateImage and ecr:CreateRepository (cross-account replication) and
#   pull-through cache permissions, for statements any AWS principal can use (Principal
#   "*", an every-account ARN, or NotPrincipal) without a condition that pins the caller
#   to known accounts, organisations, source ARNs or networks. A registry without a
#   policy passes. The analysis is the shared one of controls/lib/iam.rego.
# custom:
#   id: ecr_registry_policy_not_publicly_accessible
#   severity: high
#   service: ecr
#   resource_type: Parapet::ECR::RegistrySettings
#   requires: [registry_policy]
#   risk: Any AWS account could create repositories in the registry and push replicated images into them, which the account's own workloads may then pull and run.
#   remediation:
#     text: Name the source accounts of replication in the registry policy's Principal (arn:aws:iam::SOURCE_ACCOUNT:root) instead of "*", or pin them with aws:PrincipalAccount or aws:PrincipalOrgID.
#     cli: aws ecr put-registry-policy --policy-text file://registry-policy.json
#     terraform: |
#       resource "aws_ecr_registry_policy" "this" {
#         policy = data.aws_iam_policy_document.replication_sources.json
#       }
package parapet.aws.ecr.ecr_registry_policy_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.registry_policy

status := resource_policy.status(policy)

reason := resource_policy.reason("the registry of", input.resource.region, policy)
