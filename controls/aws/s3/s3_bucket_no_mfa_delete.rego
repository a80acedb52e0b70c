# METADATA
# title: S3 bucket has versioning with MFA Delete enabled
# description: |
#   Checks that the bucket has versioning enabled together with MFA Delete, so that
#   permanently deleting an object version or changing the versioning state requires
#   the root user's MFA code as well as credentials.
# custom:
#   id: s3_bucket_no_mfa_delete
#   severity: medium
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [versioning]
#   risk: Stolen or misused credentials alone are enough to destroy every version of the bucket's objects or to suspend versioning before deleting them.
#   remediation:
#     text: As the root user with an MFA device, enable versioning and MFA Delete on the bucket (it cannot be set from the console or CloudFormation).
#     cli: aws s3api put-bucket-versioning --bucket NAME --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "arn:aws:iam::ACCOUNT:mfa/root-account-mfa-device 123456"
#     terraform: |
#       resource "aws_s3_bucket_versioning" "this" {
#         bucket = aws_s3_bucket.this.id
#         mfa    = "arn:aws:iam::ACCOUNT:mfa/root-account-mfa-device 123456"
#         versioning_configuration {
#           status     = "Enabled"
#           mfa_delete = "Enabled"
#         }
#       }
package parapet.aws.s3.s3_bucket_no_mfa_delete

import rego.v1

versioning := input.resource.attributes.versioning

default status := "FAIL"

# MFA Delete stays set when versioning is suspended, but new writes then overwrite
# the null version without a trace, so both must be on.
status := "PASS" if {
	versioning.Status == "Enabled"
	versioning.MFADelete == "Enabled"
}

reason := sprintf("bucket %s has versioning and MFA Delete enabled", [input.resource.name]) if status == "PASS"

reason := sprintf("bucket %s does not have MFA Delete enabled", [input.resource.name]) if {
	status == "FAIL"
	not versioning.MFADelete == "Enabled"
}

reason := sprintf("bucket %s has MFA Delete enabled but versioning is not enabled", [input.resource.name]) if {
	status == "FAIL"
	versioning.MFADelete == "Enabled"
}
