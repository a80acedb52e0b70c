# METADATA
# title: SageMaker notebook instance runs in a VPC subnet
# description: |
#   Checks that the notebook instance is attached to a subnet of the account's VPC
#   (SubnetId set), so its traffic is subject to security groups, routes and flow logs.
# custom:
#   id: sagemaker_notebook_instance_vpc_settings_configured
#   severity: medium
#   service: sagemaker
#   resource_type: AWS::SageMaker::NotebookInstance
#   requires: [SubnetId]
#   risk: Outside a VPC, the notebook's network traffic bypasses the account's network controls and monitoring.
#   remediation:
#     text: Recreate the notebook instance in a private subnet with security groups (the subnet cannot be changed afterwards).
#     cli: aws sagemaker create-notebook-instance --notebook-instance-name NAME --instance-type ml.t3.medium --role-arn ROLE_ARN --subnet-id SUBNET --security-group-ids SG
#     terraform: |
#       resource "aws_sagemaker_notebook_instance" "this" {
#         subnet_id       = aws_subnet.private.id
#         security_groups = [aws_security_group.notebook.id]
#       }
package parapet.aws.sagemaker.sagemaker_notebook_instance_vpc_settings_configured

import rego.v1

subnet := input.resource.attributes.SubnetId

in_vpc if {
	is_string(subnet)
	subnet != ""
}

status := "PASS" if in_vpc

status := "FAIL" if not in_vpc

reason := sprintf("notebook instance %s runs in subnet %s", [input.resource.name, subnet]) if status == "PASS"

reason := sprintf("notebook instance %s is not attached to a VPC subnet", [input.resource.name]) if status == "FAIL"
