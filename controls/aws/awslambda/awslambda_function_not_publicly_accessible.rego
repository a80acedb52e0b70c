# METADATA
# title: Lambda function cannot be invoked by anyone
# description: |
#   Checks the function's resource-based policy for statements any caller can use
#   (Principal "*", or NotPrincipal) without a condition tying them to known accounts,
#   organisations, source ARNs or networks. Service permissions (for example S3 or API
#   Gateway invoking the function) normally carry aws:SourceArn or aws:SourceAccount and
#   pass. The analysis is the shared one of controls/lib/iam.rego.
# custom:
#   id: awslambda_function_not_publicly_accessible
#   severity: high
#   service: awslambda
#   resource_type: AWS::Lambda::Function
#   requires: [policy]
#   risk: Anyone with an AWS account can run the function, with its role's permissions and at your cost.
#   remediation:
#     text: Remove the public statement, or add a condition (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID) that limits it to the intended caller.
#     cli: aws lambda remove-permission --function-name FUNCTION --statement-id STATEMENT_ID
#     terraform: |
#       resource "aws_lambda_permission" "from_bucket" {
#         action         = "lambda:InvokeFunction"
#         function_name  = aws_lambda_function.this.function_name
#         principal      = "s3.amazonaws.com"
#         source_arn     = aws_s3_bucket.uploads.arn
#         source_account = data.aws_caller_identity.current.account_id
#       }
package parapet.aws.awslambda.awslambda_function_not_publicly_accessible

import rego.v1

import data.parapet.lib.iam

policy := input.resource.attributes.policy

public := iam.public_statements(policy) if is_object(policy)

public := [] if policy == null

status := "PASS" if count(public) == 0

status := "FAIL" if count(public) > 0

reason := sprintf("function %s has no policy statement open to everyone", [input.resource.name]) if status == "PASS"

reason := sprintf("function %s can be used by anyone through %d policy statements (%s)", [
	input.resource.name, count(public),
	concat(", ", sort({sprintf("%v", [object.get(st, "Sid", "unnamed")]) | some st in public})),
]) if status == "FAIL"
