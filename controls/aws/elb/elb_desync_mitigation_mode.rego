# METADATA
# title: Classic Load Balancer mitigates HTTP desync attacks
# description: |
#   Checks the Classic Load Balancer attribute elb.http.desyncmitigationmode. The
#   defensive and strictest modes block or close connections carrying ambiguous
#   requests (HTTP request smuggling); monitor mode forwards them.
# custom:
#   id: elb_desync_mitigation_mode
#   severity: medium
#   service: elb
#   resource_type: AWS::ElasticLoadBalancing::LoadBalancer
#   requires: [desync_mitigation_mode]
#   risk: Smuggled requests can poison caches, hijack other users' sessions or bypass front-end security rules.
#   remediation:
#     text: Set the desync mitigation mode to defensive (the default) or strictest.
#     cli: aws elb modify-load-balancer-attributes --load-balancer-name LB --load-balancer-attributes '{"AdditionalAttributes":[{"Key":"elb.http.desyncmitigationmode","Value":"defensive"}]}'
#     terraform: |
#       resource "aws_elb" "this" {
#         desync_mitigation_mode = "defensive"
#       }
package parapet.aws.elb.elb_desync_mitigation_mode

import rego.v1

mode := input.resource.attributes.desync_mitigation_mode

status := "PASS" if mode in {"defensive", "strictest"}

status := "FAIL" if mode == "monitor"

# AWS returns the attribute for every Classic Load Balancer; without it nothing is known.
status := "ERROR" if not is_string(mode)

reason := sprintf("load balancer %s mitigates desync attacks in %s mode", [input.resource.name, mode]) if status == "PASS"

reason := sprintf("load balancer %s only monitors desync attacks (mode monitor) and forwards ambiguous requests", [input.resource.name]) if status == "FAIL"

reason := sprintf("load balancer %s: the API returned no desync mitigation mode", [input.resource.name]) if status == "ERROR"
