# METADATA
# title: CloudFront distribution is protected by a WAF web ACL
# description: |
#   Checks that a web ACL (AWS WAF v2 ARN, or a WAF Classic id) is associated with the
#   distribution.
# custom:
#   id: cloudfront_distributions_using_waf
#   severity: medium
#   service: cloudfront
#   resource_type: AWS::CloudFront::Distribution
#   requires: [WebACLId]
#   risk: Injection, cross-site scripting, bot and layer-7 flood traffic passes the edge unfiltered to the origin.
#   remediation:
#     text: Create a web ACL in the CLOUDFRONT scope (us-east-1) and associate it with the distribution.
#     cli: aws cloudfront update-distribution --id DIST_ID --if-match ETAG --distribution-config file://config-with-web-acl-id.json
#     terraform: |
#       resource "aws_cloudfront_distribution" "this" {
#         web_acl_id = aws_wafv2_web_acl.edge.arn
#       }
package parapet.aws.cloudfront.cloudfront_distributions_using_waf

import rego.v1

acl := input.resource.attributes.WebACLId

protected if {
	is_string(acl)
	acl != ""
}

status := "PASS" if protected

status := "FAIL" if not protected

reason := sprintf("distribution %s is protected by web ACL %s", [input.resource.name, acl]) if status == "PASS"

reason := sprintf("distribution %s has no WAF web ACL", [input.resource.name]) if status == "FAIL"
