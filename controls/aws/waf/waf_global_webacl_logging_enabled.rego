# METADATA
# title: WAF Classic global web ACL logs the requests it inspects
# description: |
#   Checks that the AWS WAF Classic global (CloudFront) web ACL has a logging
#   configuration delivering its traffic logs to a Kinesis Data Firehose stream.
# custom:
#   id: waf_global_webacl_logging_enabled
#   severity: medium
#   service: waf
#   resource_type: AWS::WAF::WebACL
#   requires: [logging_configuration]
#   risk: Blocked attacks and the requests that got through leave no record to investigate, tune rules or prove compliance with.
#   remediation:
#     text: Create a Firehose stream named aws-waf-logs-... and put a logging configuration on the web ACL.
#     cli: aws waf put-logging-configuration --logging-configuration ResourceArn=WEB_ACL_ARN,LogDestinationConfigs=FIREHOSE_ARN
package parapet.aws.waf.waf_global_webacl_logging_enabled

import rego.v1

logging := input.resource.attributes.logging_configuration

logs if count(logging.LogDestinationConfigs) > 0

status := "PASS" if logs

status := "FAIL" if not logs

reason := sprintf("web ACL %s logs to %s", [input.resource.name, concat(", ", logging.LogDestinationConfigs)]) if logs

reason := sprintf("web ACL %s has no logging configuration", [input.resource.name]) if not logs
