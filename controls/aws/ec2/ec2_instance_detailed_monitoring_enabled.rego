# METADATA
# title: EC2 instance has detailed monitoring
# description: |
#   Checks that detailed monitoring is enabled, so CloudWatch receives the instance's
#   metrics every minute instead of every five, which alarms and Auto Scaling react on.
# custom:
#   id: ec2_instance_detailed_monitoring_enabled
#   severity: low
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [Monitoring]
#   risk: Spikes (a runaway process, a crypto-miner, a traffic surge) show up minutes later or are averaged away.
#   remediation:
#     text: Enable detailed monitoring on the instance (it is billed per metric).
#     cli: aws ec2 monitor-instances --instance-ids INSTANCE_ID
#     cloudformation: |
#       Instance:
#         Type: AWS::EC2::Instance
#         Properties:
#           Monitoring: true
#     terraform: |
#       resource "aws_instance" "this" {
#         monitoring = true
#       }
package parapet.aws.ec2.ec2_instance_detailed_monitoring_enabled

import rego.v1

state := input.resource.attributes.Monitoring.State

default status := "FAIL"

status := "PASS" if state == "enabled"

reason := sprintf("instance %s has detailed monitoring enabled", [input.resource.name]) if status == "PASS"

reason := sprintf("instance %s has detailed monitoring %v", [input.resource.name, state]) if {
	status == "FAIL"
	is_string(state)
}

reason := sprintf("instance %s reports no monitoring state", [input.resource.name]) if {
	status == "FAIL"
	not is_string(state)
}
