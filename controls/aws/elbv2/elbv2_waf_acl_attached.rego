# METADATA
# title: Application Load Balancer is protected by a WAF web ACL
# description: |
#   Checks that an AWS WAF web ACL is associated with the Application Load Balancer.
#   Network and Gateway Load Balancers cannot have web ACLs and are skipped.
# custom:
#   id: elbv2_waf_acl_attached
#   severity: medium
#   service: elbv2
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   requires: [Type, web_acl_arn]
#   risk: Injection, cross-site scripting, bot and layer-7 flood traffic reaches the application unfiltered.
#   remediation:
#     text: Associate a web ACL (for example with the AWS managed core rule set) with the load balancer.
#     cli: aws wafv2 associate-web-acl --web-acl-arn WEB_ACL_ARN --resource-arn LB_ARN
#     terraform: |
#       resource "aws_wafv2_web_acl_association" "this" {
#         resource_arn = aws_lb.this.arn
#         web_acl_arn  = aws_wafv2_web_acl.this.arn
#       }
package parapet.aws.elbv2.elbv2_waf_acl_attached

import rego.v1

attrs := input.resource.attributes

status := "SKIPPED" if attrs.Type != "application"

status := "PASS" if {
	attrs.Type == "application"
	is_string(attrs.web_acl_arn)
}

status := "FAIL" if {
	attrs.Type == "application"
	attrs.web_acl_arn == null
}

reason := sprintf("load balancer %s is a %s load balancer, which cannot have a web ACL", [input.resource.name, attrs.Type]) if status == "SKIPPED"

reason := sprintf("load balancer %s is protected by web ACL %s", [input.resource.name, attrs.web_acl_arn]) if status == "PASS"

reason := sprintf("load balancer %s has no WAF web ACL", [input.resource.name]) if status == "FAIL"
