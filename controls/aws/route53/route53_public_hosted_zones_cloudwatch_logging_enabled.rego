# METADATA
# title: Public hosted zone logs DNS queries to CloudWatch Logs
# description: |
#   For public Route 53 hosted zones, checks that a query logging configuration sends
#   the DNS queries Route 53 answers for the zone to a CloudWatch Logs log group.
#   Private zones are skipped (their queries are logged by Resolver query logging).
# custom:
#   id: route53_public_hosted_zones_cloudwatch_logging_enabled
#   severity: low
#   service: route53
#   resource_type: AWS::Route53::HostedZone
#   requires: [Config, query_logging_configs]
#   risk: Reconnaissance of the domain, subdomain enumeration and DNS-based abuse leave no record to investigate.
#   remediation:
#     text: Create a log group in us-east-1 whose resource policy lets route53.amazonaws.com write to it, then create a query logging configuration for the zone.
#     cli: aws route53 create-query-logging-config --hosted-zone-id ZONE_ID --cloud-watch-logs-log-group-arn arn:aws:logs:us-east-1:ACCOUNT:log-group:/aws/route53/example.com
#     terraform: |
#       resource "aws_route53_query_log" "this" {
#         zone_id                  = aws_route53_zone.public.zone_id
#         cloudwatch_log_group_arn = aws_cloudwatch_log_group.dns.arn
#       }
package parapet.aws.route53.route53_public_hosted_zones_cloudwatch_logging_enabled

import rego.v1

attrs := input.resource.attributes

status := "SKIPPED" if attrs.Config.PrivateZone == true

status := "PASS" if {
	not attrs.Config.PrivateZone == true
	is_array(attrs.query_logging_configs)
	count(attrs.query_logging_configs) > 0
}

status := "FAIL" if {
	not attrs.Config.PrivateZone == true
	attrs.query_logging_configs == []
}

reason := sprintf("hosted zone %s is private", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("public hosted zone %s logs DNS queries to %s", [input.resource.name, attrs.query_logging_configs[0].CloudWatchLogsLogGroupArn]) if status == "PASS"

reason := sprintf("public hosted zone %s does not log DNS queries", [input.resource.name]) if status == "FAIL"
