# METADATA
# title: S3 bucket blocks public access with all four settings
# description: |
#   Checks that all four Block Public Access settings (BlockPublicAcls, IgnorePublicAcls,
#   BlockPublicPolicy, RestrictPublicBuckets) are in force for the bucket, so no ACL or
#   bucket policy can make its objects public. S3 applies the most restrictive combination
#   of the bucket's and the account's settings, so a setting counts as on when either the
#   bucket or the account (S3 Control GetPublicAccessBlock) turns it on; CIS AWS
#   Foundations 2.1.4 accepts the account-level block in the same way.
# custom:
#   id: s3_bucket_level_public_access_block
#   severity: medium
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [public_access_block, account_public_access_block]
#   risk: A mistaken ACL or bucket policy can expose the bucket's objects to anyone on the internet.
#   remediation:
#     text: Turn on all four Block Public Access settings for the bucket; for buckets that must serve public content, use CloudFront with origin access control instead.
#     cli: aws s3api put-public-access-block --bucket NAME --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
#     cloudformation: |
#       PublicAccessBlockConfiguration:
#         BlockPublicAcls: true
#         IgnorePublicAcls: true
#         BlockPublicPolicy: true
#         RestrictPublicBuckets: true
#     terraform: |
#       resource "aws_s3_bucket_public_access_block" "this" {
#         bucket                  = aws_s3_bucket.this.id
#         block_public_acls       = true
#         ignore_public_acls      = true
#         block_public_policy     = true
#         restrict_public_buckets = true
#       }
package parapet.aws.s3.s3_bucket_level_public_access_block

import rego.v1

settings := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

attrs := input.resource.attributes

# Each level's configuration; a missing one (null) turns nothing on.
bucket_block := object.get(attrs, "public_access_block", null)

account_block := object.get(attrs, "account_public_access_block", null)

on_at(block, s) if {
	is_object(block)
	block[s] == true
}

# Settings in force through neither level (only an explicit true counts).
off := [s |
	some s in settings
	not on_at(bucket_block, s)
	not on_at(account_block, s)
]

# Settings the account supplies that the bucket's own configuration leaves off.
from_account := [s |
	some s in settings
	not on_at(bucket_block, s)
	on_at(account_block, s)
]

default status := "FAIL"

status := "PASS" if count(off) == 0

reason := sprintf("bucket %s has all four Block Public Access settings on", [input.resource.name]) if {
	status == "PASS"
	count(from_account) == 0
}

reason := sprintf("bucket %s has all four Block Public Access settings in force, with %s from the account-level block", [input.resource.name, concat(", ", from_account)]) if {
	status == "PASS"
	count(from_account) > 0
}

reason := sprintf("bucket %s has no Block Public Access configuration, and neither has the account", [input.resource.name]) if {
	status == "FAIL"
	not is_object(bucket_block)
	not is_object(account_block)
}

reason := sprintf("bucket %s has Block Public Access settings off at both bucket and account level: %s", [input.resource.name, concat(", ", off)]) if {
	status == "FAIL"
	not all_unconfigured
}

all_unconfigured if {
	not is_object(bucket_block)
	not is_object(account_block)
}
