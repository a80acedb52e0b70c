# METADATA
# title: Lambda layer version is not shared with every AWS account
# description: |
#   Checks the layer version's permissions policy (GetLayerVersionPolicy) for statements
#   any AWS principal can use (Principal "*", as AddLayerVersionPermission writes for
#   --principal "*", an every-account ARN, or NotPrincipal) without a condition that pins
#   the caller to known accounts or an organization (--organization-id). A version
#   without a policy passes. The analysis is the shared one of controls/lib/iam.rego.
# custom:
#   id: awslambda_layer_version_not_publicly_accessible
#   severity: medium
#   service: awslambda
#   resource_type: AWS::Lambda::LayerVersion
#   requires: [policy]
#   risk: Any AWS account can download the layer's code, and with it whatever the layer bundles (internal libraries, configuration, credentials left in the archive).
#   remediation:
#     text: Remove the statement that grants lambda:GetLayerVersion to "*" (remove-layer-version-permission) and grant it to the consuming accounts or to your organization instead.
#     cli: aws lambda remove-layer-version-permission --layer-name LAYER --version-number VERSION --statement-id STATEMENT_ID
#     terraform: |
#       resource "aws_lambda_layer_version_permission" "this" {
#         layer_name      = aws_lambda_layer_version.this.layer_name
#         version_number  = aws_lambda_layer_version.this.version
#         statement_id    = "organization"
#         action          = "lambda:GetLayerVersion"
#         principal       = "*"
#         organization_id = "o-a1b2c3d4e5"
#       }
package parapet.aws.awslambda.awslambda_layer_version_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

status := resource_policy.status(policy)

reason := resource_policy.reason("layer version", input.resource.name, policy)
