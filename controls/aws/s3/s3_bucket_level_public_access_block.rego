# METADATA
# title: S3 bucket blocks public access with all four settings
# description: |
#   Checks that the bucket's own Block Public Access configuration turns on all four
#   settings (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets),
#   so no ACL or bucket policy can make its objects public.
# custom:
#   id: s3_bucket_level_public_access_block
#   severity: medium
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [public_access_block]
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
#   realtime_triggers:
#     - s3.amazonaws.com:CreateBucket
#     - s3.amazonaws.com:PutBucketPublicAccessBlock
#     - s3.amazonaws.com:DeleteBucketPublicAccessBlock
package parapet.aws.s3.s3_bucket_level_public_access_block

import rego.v1

settings := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

pab := input.resource.attributes.public_access_block

# Settings that are not explicitly true (a missing configuration leaves them all off).
off := [s | some s in settings; not object.get(pab, s, false) == true] if is_object(pab)

off := settings if not is_object(pab)

default status := "FAIL"

status := "PASS" if count(off) == 0

reason := sprintf("bucket %s has all four Block Public Access settings on", [input.resource.name]) if status == "PASS"

reason := sprintf("bucket %s has no Block Public Access configuration", [input.resource.name]) if {
	status == "FAIL"
	not is_object(pab)
}

reason := sprintf("bucket %s has Block Public Access settings off: %s", [input.resource.name, concat(", ", off)]) if {
	status == "FAIL"
	is_object(pab)
}
