# METADATA
# title: Internet-facing Application Load Balancer is protected by Shield Advanced
# description: |
#   For internet-facing Application Load Balancers, checks that the account subscribes
#   to AWS Shield Advanced and that a Shield Advanced protection covers the load
#   balancer. Internal and non-application load balancers are skipped.
# custom:
#   id: shield_advanced_protection_in_internet_facing_load_balancers
#   severity: medium
#   service: shield
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   requires: [Type, Scheme, shield_advanced]
#   risk: Large or application-layer DDoS attacks on the public entry point go unmitigated, without AWS response-team support or cost protection for the scaling they cause.
#   remediation:
#     text: Subscribe to Shield Advanced and add a protection for the load balancer.
#     cli: aws shield create-protection --name web-alb --resource-arn LB_ARN
#     terraform: |
#       resource "aws_shield_protection" "alb" {
#         name         = "web-alb"
#         resource_arn = aws_lb.this.arn
#       }
package parapet.aws.shield.shield_advanced_protection_in_internet_facing_load_balancers

import rego.v1

attrs := input.resource.attributes

applies if {
	attrs.Type == "application"
	attrs.Scheme == "internet-facing"
}

status := "SKIPPED" if not applies

status := "PASS" if {
	applies
	attrs.shield_advanced.subscribed == true
	attrs.shield_advanced.protected == true
}

status := "FAIL" if {
	applies
	attrs.shield_advanced.subscribed == false
}

status := "FAIL" if {
	applies
	attrs.shield_advanced.subscribed == true
	attrs.shield_advanced.protected == false
}

reason := sprintf("load balancer %s is not an internet-facing Application Load Balancer", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("internet-facing load balancer %s is protected by Shield Advanced", [input.resource.name]) if status == "PASS"

reason := sprintf("internet-facing load balancer %s has no Shield Advanced protection: the account does not subscribe to Shield Advanced", [input.resource.name]) if {
	status == "FAIL"
	attrs.shield_advanced.subscribed == false
}

reason := sprintf("internet-facing load balancer %s has no Shield Advanced protection", [input.resource.name]) if {
	status == "FAIL"
	attrs.shield_advanced.subscribed == true
}
