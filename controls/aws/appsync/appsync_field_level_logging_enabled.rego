# METADATA
# title: AppSync API logs resolver activity at field level
# description: |
#   Checks that the GraphQL API's logConfig sets a field log level other than NONE
#   (ERROR, INFO, DEBUG or ALL), so resolver errors and requests reach CloudWatch Logs.
# custom:
#   id: appsync_field_level_logging_enabled
#   severity: medium
#   service: appsync
#   resource_type: AWS::AppSync::GraphQLApi
#   requires: [logConfig]
#   risk: Failed and abusive GraphQL queries leave no trace at the resolver level, where data is actually read.
#   remediation:
#     text: Enable field-level logging (ERROR at least) with a role that can write to CloudWatch Logs.
#     cli: aws appsync update-graphql-api --api-id API --name NAME --authentication-type API_KEY --log-config fieldLogLevel=ERROR,cloudWatchLogsRoleArn=ROLE_ARN
#     terraform: |
#       resource "aws_appsync_graphql_api" "this" {
#         log_config {
#           cloudwatch_logs_role_arn = aws_iam_role.appsync_logs.arn
#           field_log_level          = "ERROR"
#         }
#       }
package parapet.aws.appsync.appsync_field_level_logging_enabled

import rego.v1

level := object.get(input.resource.attributes, ["logConfig", "fieldLogLevel"], "NONE")

status := "PASS" if level in {"ERROR", "INFO", "DEBUG", "ALL"}

status := "FAIL" if not level in {"ERROR", "INFO", "DEBUG", "ALL"}

reason := sprintf("GraphQL API %s logs fields at level %s", [input.resource.name, level]) if status == "PASS"

reason := sprintf("GraphQL API %s has field-level logging off", [input.resource.name]) if status == "FAIL"
