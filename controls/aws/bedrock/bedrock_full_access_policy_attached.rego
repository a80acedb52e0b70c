# METADATA
# title: AmazonBedrockFullAccess is not attached to any identity
# description: |
#   The AWS-managed AmazonBedrockFullAccess policy grants every Bedrock action on every
#   resource, including creating and deleting models, guardrails, agents and logging
#   settings. Reports the policy when it is collected (it is collected when attached);
#   other managed policies are skipped. An unattached policy is not collected, so a
#   clean account has no finding for this control.
# custom:
#   id: bedrock_full_access_policy_attached
#   severity: medium
#   service: bedrock
#   resource_type: AWS::IAM::Policy
#   requires: [Arn, AttachmentCount]
#   risk: Holders can remove guardrails and invocation logging, run any model at the account's cost, and reach data connected to agents and knowledge bases.
#   remediation:
#     text: Detach AmazonBedrockFullAccess and grant a policy limited to the models and actions each workload needs (for example bedrock:InvokeModel on named model ARNs).
#     cli: aws iam detach-role-policy --role-name ROLE --policy-arn arn:aws:iam::aws:policy/AmazonBedrockFullAccess
#     terraform: |
#       data "aws_iam_policy_document" "invoke_one_model" {
#         statement {
#           actions   = ["bedrock:InvokeModel"]
#           resources = ["arn:aws:bedrock:us-east-1::foundation-model/MODEL_ID"]
#         }
#       }
package parapet.aws.bedrock.bedrock_full_access_policy_attached

import rego.v1

attrs := input.resource.attributes

# Any partition: arn:aws:..., arn:aws-us-gov:..., arn:aws-cn:...
is_bedrock_full_access if regex.match(`^arn:[a-z-]+:iam::aws:policy/AmazonBedrockFullAccess$`, attrs.Arn)

status := "SKIPPED" if not is_bedrock_full_access

status := "FAIL" if {
	is_bedrock_full_access
	attrs.AttachmentCount > 0
}

status := "PASS" if {
	is_bedrock_full_access
	attrs.AttachmentCount == 0
}

reason := sprintf("policy %s is not AmazonBedrockFullAccess", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("AmazonBedrockFullAccess is attached to %d identities", [attrs.AttachmentCount]) if status == "FAIL"

reason := "AmazonBedrockFullAccess is not attached to any identity" if status == "PASS"
