# METADATA
# title: S3 access point blocks public access with all four settings
# description: |
#   Checks that the access point's own Block Public Access configuration turns on all
#   four settings. An access point's settings can only be chosen when it is created; they
#   add to, and never loosen, those of its bucket and account.
# custom:
#   id: s3_access_point_public_access_block
#   severity: medium
#   service: s3
#   resource_type: AWS::S3::AccessPoint
#   requires: [public_access_block]
#   risk: A permissive access point policy can expose the bucket's data to anyone through the access point's own endpoint.
#   remediation:
#     text: Access point settings cannot be changed; create a replacement with all four Block Public Access settings on, move clients to it and delete the old one.
#     cli: aws s3control create-access-point --account-id ACCOUNT --name NAME --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
#     terraform: |
#       resource "aws_s3_access_point" "this" {
#         bucket = aws_s3_bucket.this.id
#         name   = "app"
#         public_access_block_configuration {
#           block_public_acls       = true
#           ignore_public_acls      = true
#           block_public_policy     = true
#           restrict_public_buckets = true
#         }
#       }
package parapet.aws.s3.s3_access_point_public_access_block

import rego.v1

block := input.resource.attributes.public_access_block

settings := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

off := [s | some s in settings; not block[s] == true]

status := "PASS" if {
	is_object(block)
	count(off) == 0
}

status := "FAIL" if {
	is_object(block)
	count(off) > 0
}

reason := sprintf("access point %s blocks public access with all four settings", [input.resource.name]) if status == "PASS"

reason := sprintf("access point %s has %s off", [input.resource.name, concat(", ", off)]) if status == "FAIL"
