# METADATA
# title: CloudFront distribution encrypts traffic to its origins
# description: |
#   Checks every origin for how CloudFront connects to it. A custom origin fails with
#   the http-only protocol policy, or with match-viewer while a cache behaviour accepts
#   HTTP from viewers; an S3 origin fails while a cache behaviour accepts HTTP from
#   viewers, because CloudFront then reaches S3 with the viewer's protocol.
# custom:
#   id: cloudfront_distributions_origin_traffic_encrypted
#   severity: medium
#   service: cloudfront
#   resource_type: AWS::CloudFront::Distribution
#   requires: [Origins, viewer_protocol_policies]
#   risk: Requests and responses between the edge and the origin cross the internet in clear text, where they can be read or altered.
#   remediation:
#     text: Set each custom origin's protocol policy to https-only, and redirect viewers to HTTPS on every cache behaviour.
#     cli: aws cloudfront update-distribution --id DIST_ID --if-match ETAG --distribution-config file://config-with-https-only-origins.json
#     terraform: |
#       resource "aws_cloudfront_distribution" "this" {
#         origin {
#           custom_origin_config {
#             origin_protocol_policy = "https-only"
#             origin_ssl_protocols   = ["TLSv1.2"]
#             http_port              = 80
#             https_port             = 443
#           }
#         }
#       }
package parapet.aws.cloudfront.cloudfront_distributions_origin_traffic_encrypted

import rego.v1

import data.parapet.lib.cloudfront

attrs := input.resource.attributes

plain(origin) if {
	cloudfront.custom_origin(origin)
	origin.CustomOriginConfig.OriginProtocolPolicy == "http-only"
}

plain(origin) if {
	cloudfront.custom_origin(origin)
	origin.CustomOriginConfig.OriginProtocolPolicy == "match-viewer"
	cloudfront.viewers_may_use_http(attrs)
}

plain(origin) if {
	cloudfront.s3_origin(origin)
	cloudfront.viewers_may_use_http(attrs)
}

unencrypted := sort([o.Id | some o in cloudfront.origins(attrs); plain(o)])

status := "PASS" if {
	is_object(attrs.Origins)
	count(unencrypted) == 0
}

status := "FAIL" if count(unencrypted) > 0

reason := sprintf("distribution %s reaches all its origins over HTTPS", [input.resource.name]) if status == "PASS"

reason := sprintf("distribution %s may reach origins over plain HTTP: %s", [input.resource.name, concat(", ", unencrypted)]) if status == "FAIL"
