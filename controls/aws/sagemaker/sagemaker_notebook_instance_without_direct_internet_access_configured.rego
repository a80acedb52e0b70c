# METADATA
# title: SageMaker notebook instance has no direct internet access
# description: |
#   Checks the notebook instance's DirectInternetAccess setting. When Enabled, SageMaker
#   gives the instance its own route to the internet, outside the VPC's controls.
# custom:
#   id: sagemaker_notebook_instance_without_direct_internet_access_configured
#   severity: high
#   service: sagemaker
#   resource_type: AWS::SageMaker::NotebookInstance
#   requires: [DirectInternetAccess]
#   risk: Code running in the notebook can download tools and send data anywhere, bypassing VPC egress filtering and logging.
#   remediation:
#     text: Recreate the notebook instance in a VPC subnet with direct internet access disabled, and give it NAT or VPC endpoints for what it needs.
#     cli: aws sagemaker create-notebook-instance --notebook-instance-name NAME --instance-type ml.t3.medium --role-arn ROLE_ARN --subnet-id SUBNET --security-group-ids SG --direct-internet-access Disabled
#     terraform: |
#       resource "aws_sagemaker_notebook_instance" "this" {
#         direct_internet_access = "Disabled"
#         subnet_id              = aws_subnet.private.id
#       }
package parapet.aws.sagemaker.sagemaker_notebook_instance_without_direct_internet_access_configured

import rego.v1

attrs := input.resource.attributes

status := "PASS" if {
	attrs.DirectInternetAccess == "Disabled"
}

status := "FAIL" if {
	attrs.DirectInternetAccess == "Enabled"
}

reason := sprintf("notebook instance %s has no direct internet access", [input.resource.name]) if status == "PASS"

reason := sprintf("notebook instance %s has direct internet access", [input.resource.name]) if status == "FAIL"
