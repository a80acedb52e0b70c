# METADATA
# title: Transit gateway does not accept shared attachments automatically
# description: |
#   Checks the transit gateway's AutoAcceptSharedAttachments option. When enabled, any
#   account the gateway is shared with (through Resource Access Manager) can attach its
#   VPCs without the owner approving each one.
# custom:
#   id: ec2_transitgateway_auto_accept_vpc_attachments
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::TransitGateway
#   requires: [Options]
#   risk: A network from another account joins the routing domain unreviewed and can reach whatever the route tables allow.
#   remediation:
#     text: Turn off automatic acceptance and accept each cross-account attachment deliberately.
#     cli: aws ec2 modify-transit-gateway --transit-gateway-id TGW_ID --options AutoAcceptSharedAttachments=disable
#     cloudformation: |
#       TransitGateway:
#         Type: AWS::EC2::TransitGateway
#         Properties:
#           AutoAcceptSharedAttachments: disable
#     terraform: |
#       resource "aws_ec2_transit_gateway" "this" {
#         auto_accept_shared_attachments = "disable"
#       }
package parapet.aws.ec2.ec2_transitgateway_auto_accept_vpc_attachments

import rego.v1

setting := input.resource.attributes.Options.AutoAcceptSharedAttachments

status := "FAIL" if setting == "enable"

status := "PASS" if setting == "disable"

reason := sprintf("transit gateway %s accepts shared VPC attachments automatically", [input.resource.name]) if status == "FAIL"

reason := sprintf("transit gateway %s requires each shared attachment to be accepted", [input.resource.name]) if status == "PASS"
