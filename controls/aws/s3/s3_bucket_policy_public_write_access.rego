# METADATA
# title: S3 bucket policy does not let anyone write to the bucket
# description: |
#   Checks for bucket policy statements that let anyone (Principal "*" or an Allow with
#   NotPrincipal, without a restricting condition) put, delete or overwrite objects, or
#   change the bucket's policy, ACLs, versioning or lifecycle. RestrictPublicBuckets on
#   the bucket or the account neutralises such statements.
# custom:
#   id: s3_bucket_policy_public_write_access
#   severity: critical
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [policy, public_access_block, account_public_access_block]
#   risk: Anyone can plant content (malware served from your domain), delete or encrypt data for ransom, or take over the bucket's policy.
#   remediation:
#     text: Remove the public write statements (grant writes to named roles instead) and turn on Block Public Access for the bucket and the account.
#     cli: aws s3api put-public-access-block --bucket NAME --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
#     terraform: |
#       resource "aws_s3_account_public_access_block" "this" {
#         block_public_acls       = true
#         ignore_public_acls      = true
#         block_public_policy     = true
#         restrict_public_buckets = true
#       }
package parapet.aws.s3.s3_bucket_policy_public_write_access

import rego.v1

import data.parapet.lib.s3

attrs := input.resource.attributes

writes := s3.public_write_statements(attrs)

actions := {a | some st in writes; some a in s3.granted_write_actions(st)}

status := "PASS" if count(writes) == 0

status := "PASS" if {
	count(writes) > 0
	s3.public_policy_restricted(attrs)
}

status := "FAIL" if {
	count(writes) > 0
	not s3.public_policy_restricted(attrs)
}

reason := sprintf("bucket %s has no bucket policy statement letting everyone write", [input.resource.name]) if count(writes) == 0

reason := sprintf("bucket %s has a policy letting everyone write, but %s (RestrictPublicBuckets) keeps it from taking effect", [input.resource.name, s3.restriction_source(attrs)]) if {
	count(writes) > 0
	s3.public_policy_restricted(attrs)
}

reason := sprintf("bucket %s lets anyone %s", [input.resource.name, concat(", ", sort(actions))]) if status == "FAIL"
