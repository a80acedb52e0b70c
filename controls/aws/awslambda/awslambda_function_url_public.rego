# METADATA
# title: Lambda function URL requires IAM authentication
# description: |
#   Checks the function's URL (GetFunctionUrlConfig): a URL with AuthType NONE can be
#   called by anyone on the internet who knows it. Functions without a URL, or with
#   AuthType AWS_IAM, pass.
# custom:
#   id: awslambda_function_url_public
#   severity: high
#   service: awslambda
#   resource_type: AWS::Lambda::Function
#   requires: [function_url]
#   risk: Anyone can run the function over HTTPS without credentials, with its role's permissions and at your cost.
#   remediation:
#     text: Set the URL's auth type to AWS_IAM (callers then sign requests), or delete the URL and put the function behind API Gateway with authorisation.
#     cli: aws lambda update-function-url-config --function-name FUNCTION --auth-type AWS_IAM
#     terraform: |
#       resource "aws_lambda_function_url" "this" {
#         function_name      = aws_lambda_function.this.function_name
#         authorization_type = "AWS_IAM"
#       }
package parapet.aws.awslambda.awslambda_function_url_public

import rego.v1

url := input.resource.attributes.function_url

status := "PASS" if url == null

status := "PASS" if url.AuthType == "AWS_IAM"

status := "FAIL" if url.AuthType == "NONE"

reason := sprintf("function %s has no function URL", [input.resource.name]) if url == null

reason := sprintf("function %s URL requires IAM authentication", [input.resource.name]) if url.AuthType == "AWS_IAM"

reason := sprintf("function %s URL %s can be called without authentication", [input.resource.name, url.FunctionUrl]) if status == "FAIL"
