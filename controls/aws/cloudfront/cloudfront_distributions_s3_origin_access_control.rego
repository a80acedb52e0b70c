# METADATA
# title: CloudFront S3 origins use origin access control
# description: |
#   Checks that every S3 origin of the distribution signs its requests with an origin
#   access control (OAC), so the bucket can refuse everyone but this distribution. The
#   legacy origin access identity (OAI) fails: it supports neither SSE-KMS nor regions
#   opened after 2022. Distributions without S3 origins are skipped.
# custom:
#   id: cloudfront_distributions_s3_origin_access_control
#   severity: medium
#   service: cloudfront
#   resource_type: AWS::CloudFront::Distribution
#   requires: [Origins]
#   risk: The bucket must stay readable by others for the distribution to serve it, so content can be fetched around CloudFront's access controls, WAF and logging.
#   remediation:
#     text: Create an origin access control, set it on each S3 origin, and allow only cloudfront.amazonaws.com with this distribution's ARN as source in the bucket policy.
#     cli: aws cloudfront create-origin-access-control --origin-access-control-config Name=site,SigningProtocol=sigv4,SigningBehavior=always,OriginAccessControlOriginType=s3
#     terraform: |
#       resource "aws_cloudfront_origin_access_control" "site" {
#         name                              = "site"
#         origin_access_control_origin_type = "s3"
#         signing_behavior                  = "always"
#         signing_protocol                  = "sigv4"
#       }
package parapet.aws.cloudfront.cloudfront_distributions_s3_origin_access_control

import rego.v1

import data.parapet.lib.cloudfront

s3_origins := [o | some o in cloudfront.origins(input.resource.attributes); cloudfront.s3_origin(o)]

with_oac(origin) if {
	is_string(origin.OriginAccessControlId)
	origin.OriginAccessControlId != ""
}

without := sort([o.Id | some o in s3_origins; not with_oac(o)])

status := "SKIPPED" if {
	is_object(input.resource.attributes.Origins)
	count(s3_origins) == 0
}

status := "PASS" if {
	count(s3_origins) > 0
	count(without) == 0
}

status := "FAIL" if count(without) > 0

reason := sprintf("distribution %s has no S3 origin", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("distribution %s reaches its S3 origins with origin access control", [input.resource.name]) if status == "PASS"

reason := sprintf("distribution %s has S3 origins without origin access control: %s", [input.resource.name, concat(", ", without)]) if status == "FAIL"
