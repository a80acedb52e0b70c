# METADATA
# title: S3 bucket has ACLs disabled (bucket owner enforced)
# description: |
#   Checks that the bucket's object ownership is BucketOwnerEnforced, which disables
#   ACLs: the bucket owner owns every object and access is decided by policies alone.
#   AWS has made this the default for new buckets since April 2023.
# custom:
#   id: s3_bucket_acl_prohibited
#   severity: medium
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [ownership_controls]
#   risk: ACLs are a second, easily overlooked way to grant access, and objects uploaded by other accounts can stay out of the owner's control.
#   remediation:
#     text: Move any access still granted by ACLs into the bucket policy, then set object ownership to BucketOwnerEnforced.
#     cli: aws s3api put-bucket-ownership-controls --bucket NAME --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'
#     cloudformation: |
#       OwnershipControls:
#         Rules:
#           - ObjectOwnership: BucketOwnerEnforced
#     terraform: |
#       resource "aws_s3_bucket_ownership_controls" "this" {
#         bucket = aws_s3_bucket.this.id
#         rule {
#           object_ownership = "BucketOwnerEnforced"
#         }
#       }
package parapet.aws.s3.s3_bucket_acl_prohibited

import rego.v1

ownership := input.resource.attributes.ownership_controls

default status := "FAIL"

status := "PASS" if ownership == "BucketOwnerEnforced"

reason := sprintf("bucket %s has ACLs disabled", [input.resource.name]) if status == "PASS"

reason := sprintf("bucket %s still uses ACLs (object ownership %v)", [input.resource.name, ownership]) if {
	status == "FAIL"
	is_string(ownership)
}

reason := sprintf("bucket %s still uses ACLs (no ownership controls)", [input.resource.name]) if {
	status == "FAIL"
	not is_string(ownership)
}
