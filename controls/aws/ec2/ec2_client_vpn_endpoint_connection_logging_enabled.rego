# METADATA
# title: Client VPN endpoint logs client connections
# description: |
#   Checks that connection logging is enabled on the AWS Client VPN endpoint, so every
#   connection attempt (who, from where, when, accepted or refused) is written to
#   CloudWatch Logs.
# custom:
#   id: ec2_client_vpn_endpoint_connection_logging_enabled
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::ClientVpnEndpoint
#   requires: [ConnectionLogOptions]
#   risk: Remote access into the VPC, including with stolen credentials or certificates, leaves no record to detect or investigate.
#   remediation:
#     text: Enable connection logging to a CloudWatch Logs log group.
#     cli: aws ec2 modify-client-vpn-endpoint --client-vpn-endpoint-id ENDPOINT_ID --connection-log-options Enabled=true,CloudwatchLogGroup=/client-vpn/connections
#     terraform: |
#       resource "aws_ec2_client_vpn_endpoint" "this" {
#         connection_log_options {
#           enabled              = true
#           cloudwatch_log_group = aws_cloudwatch_log_group.vpn.name
#         }
#       }
package parapet.aws.ec2.ec2_client_vpn_endpoint_connection_logging_enabled

import rego.v1

options := input.resource.attributes.ConnectionLogOptions

status := "PASS" if options.Enabled == true

status := "FAIL" if not options.Enabled == true

reason := sprintf("Client VPN endpoint %s logs connections to %v", [input.resource.name, options.CloudwatchLogGroup]) if status == "PASS"

reason := sprintf("Client VPN endpoint %s does not log connections", [input.resource.name]) if status == "FAIL"
