# METADATA
# title: OpenSearch domain publishes slow logs to CloudWatch Logs
# description: |
#   Checks that the domain publishes both its search slow logs and its indexing slow logs
#   to CloudWatch Logs, the operational record for diagnosing and investigating heavy or
#   abusive requests.
# custom:
#   id: opensearch_service_domains_cloudwatch_logging_enabled
#   severity: low
#   service: opensearch
#   resource_type: AWS::OpenSearchService::Domain
#   requires: [LogPublishingOptions]
#   risk: Expensive or abusive queries and indexing cannot be traced back after the fact.
#   remediation:
#     text: Publish the search and index slow logs to a CloudWatch Logs group (give OpenSearch a resource policy on the group to write to it).
#     cli: aws opensearch update-domain-config --domain-name DOMAIN --log-publishing-options 'SEARCH_SLOW_LOGS={CloudWatchLogsLogGroupArn=LOG_GROUP_ARN,Enabled=true},INDEX_SLOW_LOGS={CloudWatchLogsLogGroupArn=LOG_GROUP_ARN,Enabled=true}'
#     terraform: |
#       resource "aws_opensearch_domain" "this" {
#         log_publishing_options {
#           log_type                 = "SEARCH_SLOW_LOGS"
#           cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
#         }
#         log_publishing_options {
#           log_type                 = "INDEX_SLOW_LOGS"
#           cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
#         }
#       }
package parapet.aws.opensearch.opensearch_service_domains_cloudwatch_logging_enabled

import rego.v1

options := object.get(input.resource.attributes, "LogPublishingOptions", {})

published(kind) if {
	is_object(options)
	options[kind].Enabled == true
}

missing := [k | some k in ["SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS"]; not published(k)]

status := "PASS" if count(missing) == 0

status := "FAIL" if count(missing) > 0

reason := sprintf("OpenSearch domain %s publishes its search and index slow logs to CloudWatch Logs", [input.resource.name]) if status == "PASS"

reason := sprintf("OpenSearch domain %s does not publish %s to CloudWatch Logs", [input.resource.name, concat(" and ", missing)]) if status == "FAIL"
