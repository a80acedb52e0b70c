# METADATA
# title: WAF web ACL logs the requests it inspects
# description: |
#   Checks that the AWS WAF (v2) web ACL has a logging configuration sending its traffic
#   logs to CloudWatch Logs, S3 or Firehose.
# custom:
#   id: wafv2_webacl_logging_enabled
#   severity: medium
#   service: wafv2
#   resource_type: AWS::WAFv2::WebACL
#   requires: [logging_configuration]
#   risk: Blocked attacks and the requests that got through leave no record to investigate, tune rules or prove compliance with.
#   remediation:
#     text: Add a logging configuration to the web ACL (the log group or bucket name must start with aws-waf-logs-).
#     cli: aws wafv2 put-logging-configuration --logging-configuration ResourceArn=WEB_ACL_ARN,LogDestinationConfigs=arn:aws:logs:REGION:ACCOUNT:log-group:aws-waf-logs-web
#     terraform: |
#       resource "aws_wafv2_web_acl_logging_configuration" "this" {
#         resource_arn            = aws_wafv2_web_acl.this.arn
#         log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
#       }
package parapet.aws.wafv2.wafv2_webacl_logging_enabled

import rego.v1

import data.parapet.lib.util

logging := input.resource.attributes.logging_configuration

destinations := util.as_list(logging.LogDestinationConfigs) if is_object(logging)

destinations := [] if not is_object(logging)

status := "PASS" if {
	is_object(logging)
	count(destinations) > 0
}

status := "FAIL" if logging == null

status := "FAIL" if {
	is_object(logging)
	count(destinations) == 0
}

reason := sprintf("web ACL %s logs to %s", [input.resource.name, concat(", ", destinations)]) if status == "PASS"

reason := sprintf("web ACL %s has no logging configuration", [input.resource.name]) if status == "FAIL"
