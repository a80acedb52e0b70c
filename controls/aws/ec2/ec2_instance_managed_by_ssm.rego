# METADATA
# title: EC2 instance is managed by Systems Manager
# description: |
#   Checks that a running instance's Systems Manager agent is registered and reporting
#   (PingStatus Online in DescribeInstanceInformation), so patching, inventory and
#   configuration runs reach it. Instances that are not running are skipped: an agent
#   can only report from a running instance.
# custom:
#   id: ec2_instance_managed_by_ssm
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [State, ssm_managed]
#   risk: An instance outside Systems Manager misses fleet patching and inventory, so it drifts from its baseline and keeps known vulnerabilities unnoticed.
#   remediation:
#     text: Give the instance a role with the AmazonSSMManagedInstanceCore policy, make sure the SSM agent is installed and can reach the Systems Manager endpoints (internet, NAT or VPC endpoints), or use Default Host Management Configuration for the account.
#     cli: aws ec2 associate-iam-instance-profile --instance-id INSTANCE_ID --iam-instance-profile Name=SSM_INSTANCE_PROFILE
#     cloudformation: |
#       SsmRole:
#         Type: AWS::IAM::Role
#         Properties:
#           AssumeRolePolicyDocument:
#             Statement:
#               - Effect: Allow
#                 Principal: {Service: ec2.amazonaws.com}
#                 Action: sts:AssumeRole
#           ManagedPolicyArns:
#             - arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore
#     terraform: |
#       resource "aws_iam_role_policy_attachment" "ssm" {
#         role       = aws_iam_role.instance.name
#         policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
#       }
package parapet.aws.ec2.ec2_instance_managed_by_ssm

import rego.v1

attrs := input.resource.attributes

state := attrs.State.Name

agent := attrs.ssm_managed

status := "SKIPPED" if state != "running"

status := "PASS" if {
	state == "running"
	agent.PingStatus == "Online"
}

# Without the attribute at all the control cannot decide (the engine reports ERROR).
agent_known if agent == null

agent_known if is_object(agent)

status := "FAIL" if {
	state == "running"
	agent_known
	not agent.PingStatus == "Online"
}

reason := sprintf("instance %s is %s; only a running instance's agent can report", [input.resource.name, state]) if status == "SKIPPED"

reason := sprintf("instance %s is managed by Systems Manager (agent %v online)", [input.resource.name, object.get(agent, "AgentVersion", "unknown")]) if status == "PASS"

reason := sprintf("instance %s is not registered with Systems Manager", [input.resource.name]) if {
	status == "FAIL"
	agent == null
}

reason := sprintf("instance %s is registered with Systems Manager but its agent is %v", [input.resource.name, agent.PingStatus]) if {
	status == "FAIL"
	agent != null
}
