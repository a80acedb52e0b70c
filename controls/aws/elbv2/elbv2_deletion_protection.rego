# METADATA
# title: Load balancer has deletion protection on
# description: |
#   Checks the load balancer attribute deletion_protection.enabled of Application,
#   Network and Gateway Load Balancers.
# custom:
#   id: elbv2_deletion_protection
#   severity: medium
#   service: elbv2
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   requires: [attributes]
#   risk: One mistaken API call or template change deletes the load balancer and takes the application offline; its DNS name cannot be recovered.
#   remediation:
#     text: Turn on deletion protection.
#     cli: aws elbv2 modify-load-balancer-attributes --load-balancer-arn LB_ARN --attributes Key=deletion_protection.enabled,Value=true
#     terraform: |
#       resource "aws_lb" "this" {
#         enable_deletion_protection = true
#       }
package parapet.aws.elbv2.elbv2_deletion_protection

import rego.v1

attrs := input.resource.attributes

# Attribute values are strings in the ELBv2 API.
status := "PASS" if attrs.attributes["deletion_protection.enabled"] == "true"

status := "FAIL" if {
	is_object(attrs.attributes)
	object.get(attrs.attributes, "deletion_protection.enabled", "false") != "true"
}

reason := sprintf("load balancer %s has deletion protection on", [input.resource.name]) if status == "PASS"

reason := sprintf("load balancer %s can be deleted without first turning deletion protection off", [input.resource.name]) if status == "FAIL"
