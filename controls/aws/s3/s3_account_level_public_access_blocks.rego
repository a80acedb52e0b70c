# METADATA
# title: S3 Block Public Access is on for the whole account
# description: |
#   Checks that the account-level S3 Block Public Access configuration turns on all four
#   settings, which then apply to every bucket in the account, including buckets created
#   later, whatever their own settings say.
# custom:
#   id: s3_account_level_public_access_blocks
#   severity: high
#   service: s3
#   resource_type: Parapet::S3::AccountSettings
#   requires: [public_access_block]
#   risk: Any bucket without its own block can be made public by one ACL or policy change, exposing its data to the internet.
#   remediation:
#     text: Turn on all four account-level Block Public Access settings; serve intentionally public content through CloudFront rather than public buckets.
#     cli: aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
#     terraform: |
#       resource "aws_s3_account_public_access_block" "this" {
#         block_public_acls       = true
#         ignore_public_acls      = true
#         block_public_policy     = true
#         restrict_public_buckets = true
#       }
package parapet.aws.s3.s3_account_level_public_access_blocks

import rego.v1

settings := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

pab := input.resource.attributes.public_access_block

off := [s | some s in settings; not object.get(pab, s, false) == true] if is_object(pab)

off := settings if not is_object(pab)

default status := "FAIL"

status := "PASS" if count(off) == 0

reason := sprintf("account %s has all four S3 Block Public Access settings on", [input.resource.name]) if status == "PASS"

reason := sprintf("account %s has no account-level S3 Block Public Access configuration", [input.resource.name]) if {
	status == "FAIL"
	not is_object(pab)
}

reason := sprintf("account %s has account-level S3 Block Public Access settings off: %s", [input.resource.name, concat(", ", off)]) if {
	status == "FAIL"
	is_object(pab)
}
