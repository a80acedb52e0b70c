# METADATA
# title: S3 bucket ACL does not let everyone write
# description: |
#   Checks the bucket ACL for WRITE, WRITE_ACP or FULL_CONTROL granted to AllUsers or
#   AuthenticatedUsers (any AWS account). Such a grant has no effect when ACLs are
#   disabled (BucketOwnerEnforced) or Block Public Access ignores public ACLs on the
#   bucket or the account.
# custom:
#   id: s3_bucket_public_write_acl
#   severity: critical
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [acl_grants, ownership_controls, public_access_block, account_public_access_block]
#   risk: Anyone can upload or overwrite objects (malware served from your bucket, storage bills, poisoned data) or rewrite the ACL to take the bucket over.
#   remediation:
#     text: Reset the ACL to private and disable ACLs (BucketOwnerEnforced); turn on Block Public Access for the account.
#     cli: aws s3api put-bucket-acl --bucket NAME --acl private
#     terraform: |
#       resource "aws_s3_bucket_ownership_controls" "this" {
#         bucket = aws_s3_bucket.this.id
#         rule {
#           object_ownership = "BucketOwnerEnforced"
#         }
#       }
package parapet.aws.s3.s3_bucket_public_write_acl

import rego.v1

import data.parapet.lib.s3

attrs := input.resource.attributes

grants := s3.public_write_acl_grants(attrs)

status := "PASS" if count(grants) == 0

status := "PASS" if {
	count(grants) > 0
	s3.acls_ignored(attrs)
}

status := "FAIL" if {
	count(grants) > 0
	not s3.acls_ignored(attrs)
}

permissions := concat(", ", sort({g.Permission | some g in grants}))

reason := sprintf("bucket %s grants no write access to everyone in its ACL", [input.resource.name]) if count(grants) == 0

reason := sprintf("bucket %s has an ACL granting %s to everyone, but ACLs are disabled or public ACLs ignored", [input.resource.name, permissions]) if {
	count(grants) > 0
	status == "PASS"
}

reason := sprintf("bucket %s ACL grants %s to everyone", [input.resource.name, permissions]) if status == "FAIL"
