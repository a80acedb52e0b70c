# METADATA
# title: Network Firewall logs its traffic
# description: |
#   Checks that the firewall has at least one log destination (S3, CloudWatch Logs or
#   Firehose) for its alert, flow or TLS logs, and names the log types it records.
# custom:
#   id: networkfirewall_logging_enabled
#   severity: medium
#   service: networkfirewall
#   resource_type: AWS::NetworkFirewall::Firewall
#   requires: [logging_configuration]
#   risk: Connections the firewall allowed or blocked leave no record, so intrusions and exfiltration through it cannot be detected or investigated.
#   remediation:
#     text: Add alert and flow log destinations to the firewall's logging configuration.
#     cli: aws network-firewall update-logging-configuration --firewall-arn FIREWALL_ARN --logging-configuration '{"LogDestinationConfigs":[{"LogType":"ALERT","LogDestinationType":"CloudWatchLogs","LogDestination":{"logGroup":"/network-firewall/alert"}}]}'
#     terraform: |
#       resource "aws_networkfirewall_logging_configuration" "this" {
#         firewall_arn = aws_networkfirewall_firewall.this.arn
#         logging_configuration {
#           log_destination_config {
#             log_type             = "ALERT"
#             log_destination_type = "CloudWatchLogs"
#             log_destination = {
#               logGroup = aws_cloudwatch_log_group.fw.name
#             }
#           }
#         }
#       }
package parapet.aws.networkfirewall.networkfirewall_logging_enabled

import rego.v1

import data.parapet.lib.util

destinations := util.as_list(object.get(object.get(input.resource.attributes, "logging_configuration", {}), "LogDestinationConfigs", [])) if is_object(input.resource.attributes.logging_configuration)

destinations := [] if input.resource.attributes.logging_configuration == null

log_types := sort({d.LogType | some d in destinations})

status := "PASS" if count(destinations) > 0

status := "FAIL" if count(destinations) == 0

reason := sprintf("firewall %s logs %s traffic", [input.resource.name, concat(", ", log_types)]) if status == "PASS"

reason := sprintf("firewall %s has no log destination", [input.resource.name]) if status == "FAIL"
