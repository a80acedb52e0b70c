# METADATA
# title: S3 bucket is not public through its bucket policy
# description: |
#   Checks whether the bucket policy lets anyone (Principal "*", or an Allow with
#   NotPrincipal) act on the bucket without a condition tying requests to known
#   accounts, organisations, networks or addresses, and whether Block Public Access
#   (RestrictPublicBuckets, on the bucket or the account) neutralises it. ACL grants are
#   not collected yet, so a bucket public only through its ACL is not detected here;
#   s3_bucket_level_public_access_block and s3_account_level_public_access_blocks cover
#   ACLs by requiring IgnorePublicAcls.
# custom:
#   id: s3_bucket_public_access
#   severity: critical
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [policy, public_access_block, account_public_access_block]
#   risk: Anyone on the internet can use the access the policy grants (read, list or change objects) without credentials.
#   remediation:
#     text: Remove or condition the public statements (aws:PrincipalOrgID, aws:SourceVpce), serve public content through CloudFront with origin access control, and turn on Block Public Access for the account.
#     cli: aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
#     terraform: |
#       resource "aws_s3_account_public_access_block" "this" {
#         block_public_acls       = true
#         ignore_public_acls      = true
#         block_public_policy     = true
#         restrict_public_buckets = true
#       }
#   realtime_triggers:
#     - s3.amazonaws.com:CreateBucket
#     - s3.amazonaws.com:PutBucketPolicy
#     - s3.amazonaws.com:DeleteBucketPolicy
#     - s3.amazonaws.com:PutBucketPublicAccessBlock
#     - s3.amazonaws.com:DeleteBucketPublicAccessBlock
#     - s3.amazonaws.com:PutAccountPublicAccessBlock
#     - s3.amazonaws.com:DeleteAccountPublicAccessBlock
package parapet.aws.s3.s3_bucket_public_access

import rego.v1

import data.parapet.lib.s3

attrs := input.resource.attributes

public := s3.public_statements(attrs)

status := "PASS" if count(public) == 0

status := "PASS" if {
	count(public) > 0
	s3.public_policy_restricted(attrs)
}

status := "FAIL" if {
	count(public) > 0
	not s3.public_policy_restricted(attrs)
}

reason := sprintf("bucket %s has no bucket policy statement open to everyone", [input.resource.name]) if count(public) == 0

reason := sprintf("bucket %s has a public bucket policy, but %s (RestrictPublicBuckets) keeps it from taking effect", [input.resource.name, s3.restriction_source(attrs)]) if {
	count(public) > 0
	s3.public_policy_restricted(attrs)
}

reason := sprintf("bucket %s is public: %d bucket policy statements allow anyone, and RestrictPublicBuckets is off for the bucket and the account", [input.resource.name, count(public)]) if status == "FAIL"
