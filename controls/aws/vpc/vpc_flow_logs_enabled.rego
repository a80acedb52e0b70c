# METADATA
# title: VPC has an active flow log that records rejected traffic
# description: |
#   Checks that the VPC has at least one flow log in ACTIVE status whose traffic type is
#   ALL or REJECT, so that connection attempts blocked by security groups and network
#   ACLs are recorded. A flow log capturing only accepted traffic does not count.
# custom:
#   id: vpc_flow_logs_enabled
#   severity: medium
#   service: vpc
#   resource_type: AWS::EC2::VPC
#   requires: [flow_logs]
#   risk: Scanning, probing and data exfiltration inside or towards the VPC leave no network record, which hides attacks and hampers incident investigation.
#   remediation:
#     text: Create a flow log for the VPC that captures ALL (or at least REJECT) traffic and delivers it to CloudWatch Logs or S3.
#     cli: aws ec2 create-flow-logs --resource-type VPC --resource-ids VPC_ID --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::BUCKET/vpc-flow-logs/
#     cloudformation: |
#       FlowLog:
#         Type: AWS::EC2::FlowLog
#         Properties:
#           ResourceType: VPC
#           ResourceId: !Ref Vpc
#           TrafficType: ALL
#           LogDestinationType: s3
#           LogDestination: !Sub arn:aws:s3:::${LogBucket}/vpc-flow-logs/
#     terraform: |
#       resource "aws_flow_log" "this" {
#         vpc_id               = aws_vpc.this.id
#         traffic_type         = "ALL"
#         log_destination_type = "s3"
#         log_destination      = aws_s3_bucket.logs.arn
#       }
package parapet.aws.vpc.vpc_flow_logs_enabled

import rego.v1

import data.parapet.lib.util

flow_logs := util.as_list(input.resource.attributes.flow_logs)

active := [f | some f in flow_logs; f.FlowLogStatus == "ACTIVE"]

# CIS asks for rejected traffic at minimum; ACCEPT-only logs miss blocked probes.
qualifying := [f | some f in active; f.TrafficType in {"ALL", "REJECT"}]

default status := "FAIL"

status := "PASS" if count(qualifying) > 0

reason := sprintf("VPC %s has an active flow log recording %s traffic", [input.resource.name, qualifying[0].TrafficType]) if status == "PASS"

reason := sprintf("VPC %s has no flow log", [input.resource.name]) if count(flow_logs) == 0

reason := sprintf("VPC %s has flow logs but none is active", [input.resource.name]) if {
	count(flow_logs) > 0
	count(active) == 0
}

reason := sprintf("VPC %s has active flow logs, but they record only accepted traffic", [input.resource.name]) if {
	count(active) > 0
	count(qualifying) == 0
}
