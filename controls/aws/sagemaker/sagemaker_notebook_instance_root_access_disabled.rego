# METADATA
# title: SageMaker notebook instance users have no root access
# description: |
#   Checks that the notebook instance's RootAccess setting is Disabled. AWS enables
#   root access by default.
# custom:
#   id: sagemaker_notebook_instance_root_access_disabled
#   severity: medium
#   service: sagemaker
#   resource_type: AWS::SageMaker::NotebookInstance
#   requires: [RootAccess]
#   risk: A notebook user with root can change the instance's software, disable its controls and read other users' files and credentials.
#   remediation:
#     text: Stop the notebook instance, set root access to Disabled, and start it again (lifecycle configurations still run as root).
#     cli: aws sagemaker update-notebook-instance --notebook-instance-name NAME --root-access Disabled
#     terraform: |
#       resource "aws_sagemaker_notebook_instance" "this" {
#         root_access = "Disabled"
#       }
package parapet.aws.sagemaker.sagemaker_notebook_instance_root_access_disabled

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.RootAccess == "Disabled"

status := "FAIL" if attrs.RootAccess == "Enabled"

reason := sprintf("notebook instance %s gives its users no root access", [input.resource.name]) if status == "PASS"

reason := sprintf("notebook instance %s gives its users root access", [input.resource.name]) if status == "FAIL"
