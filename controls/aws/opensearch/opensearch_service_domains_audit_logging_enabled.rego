# METADATA
# title: OpenSearch domain publishes audit logs
# description: |
#   Checks that the domain publishes its audit log (AUDIT_LOGS: authentication successes
#   and failures, index and document access as configured) to CloudWatch Logs. Audit logs
#   need fine-grained access control.
# custom:
#   id: opensearch_service_domains_audit_logging_enabled
#   severity: medium
#   service: opensearch
#   resource_type: AWS::OpenSearchService::Domain
#   requires: [LogPublishingOptions]
#   risk: Who read or changed which index, and failed logins, leave no record.
#   remediation:
#     text: Publish the audit logs to a CloudWatch Logs group (give OpenSearch a resource policy on the group to write to it).
#     cli: aws opensearch update-domain-config --domain-name DOMAIN --log-publishing-options 'AUDIT_LOGS={CloudWatchLogsLogGroupArn=LOG_GROUP_ARN,Enabled=true}'
#     terraform: |
#       resource "aws_opensearch_domain" "this" {
#         log_publishing_options {
#           log_type                 = "AUDIT_LOGS"
#           cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
#         }
#       }
package parapet.aws.opensearch.opensearch_service_domains_audit_logging_enabled

import rego.v1

options := object.get(input.resource.attributes, "LogPublishingOptions", {})

published(kind) if {
	is_object(options)
	options[kind].Enabled == true
}

missing := [k | some k in ["AUDIT_LOGS"]; not published(k)]

status := "PASS" if count(missing) == 0

status := "FAIL" if count(missing) > 0

reason := sprintf("OpenSearch domain %s publishes its audit logs to CloudWatch Logs", [input.resource.name]) if status == "PASS"

reason := sprintf("OpenSearch domain %s does not publish %s to CloudWatch Logs", [input.resource.name, concat(" and ", missing)]) if status == "FAIL"
