# METADATA
# title: SageMaker notebook instance encrypts its storage with a KMS key
# description: |
#   Checks that the notebook instance's ML storage volume is encrypted with a KMS key the
#   account chooses (KmsKeyId set).
# custom:
#   id: sagemaker_notebook_instance_encryption_enabled
#   severity: medium
#   service: sagemaker
#   resource_type: AWS::SageMaker::NotebookInstance
#   requires: [KmsKeyId]
#   risk: Notebooks, datasets and credentials saved on the instance volume are not protected by a key the account controls.
#   remediation:
#     text: Create the notebook instance with a KMS key (the setting cannot be changed afterwards) and move the work to it.
#     cli: aws sagemaker create-notebook-instance --notebook-instance-name NAME --instance-type ml.t3.medium --role-arn ROLE_ARN --kms-key-id KEY_ARN
#     terraform: |
#       resource "aws_sagemaker_notebook_instance" "this" {
#         kms_key_id = aws_kms_key.sagemaker.arn
#       }
package parapet.aws.sagemaker.sagemaker_notebook_instance_encryption_enabled

import rego.v1

attrs := input.resource.attributes

status := "PASS" if {
	is_string(attrs.KmsKeyId)
}

status := "FAIL" if {
	attrs.KmsKeyId == null
}

reason := sprintf("notebook instance %s encrypts its storage with a KMS key", [input.resource.name]) if status == "PASS"

reason := sprintf("notebook instance %s has no KMS key for its storage", [input.resource.name]) if status == "FAIL"
