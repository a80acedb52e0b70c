# METADATA
# title: EC2 instance has an IAM instance profile attached
# description: |
#   Checks that the instance has an IAM instance profile, so software on it can call AWS
#   with short-lived role credentials instead of access keys stored on the host.
#   Terminated and terminating instances are skipped.
# custom:
#   id: ec2_instance_profile_attached
#   severity: low
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [IamInstanceProfile, State]
#   risk: Workloads that need AWS access without a role tend to carry long-lived access keys on disk, where anyone who compromises the host or an image can take them.
#   remediation:
#     text: Create a role with the permissions the workload needs, attach it to the instance through an instance profile, and remove any access keys stored on the host.
#     cli: aws ec2 associate-iam-instance-profile --instance-id INSTANCE_ID --iam-instance-profile Name=PROFILE_NAME
#     cloudformation: |
#       Instance:
#         Type: AWS::EC2::Instance
#         Properties:
#           IamInstanceProfile: !Ref InstanceProfile
#     terraform: |
#       resource "aws_instance" "this" {
#         iam_instance_profile = aws_iam_instance_profile.this.name
#       }
package parapet.aws.ec2.ec2_instance_profile_attached

import rego.v1

attrs := input.resource.attributes

gone if attrs.State.Name in {"shutting-down", "terminated"}

default status := "FAIL"

status := "SKIPPED" if gone

status := "PASS" if {
	not gone
	is_object(attrs.IamInstanceProfile)
}

reason := sprintf("instance %s is %s", [input.resource.name, attrs.State.Name]) if status == "SKIPPED"

reason := sprintf("instance %s has instance profile %s attached", [
	input.resource.name,
	object.get(attrs.IamInstanceProfile, "Arn", "(ARN not reported)"),
]) if status == "PASS"

reason := sprintf("instance %s has no IAM instance profile attached", [input.resource.name]) if status == "FAIL"
