# METADATA
# title: Load balancer TLS listeners offer post-quantum key exchange
# description: |
#   Checks that every HTTPS and TLS listener uses one of the AWS security policies with
#   hybrid post-quantum key agreement (ML-KEM with X25519, in TLS 1.3), whose names
#   contain "-PQ-" (for example ELBSecurityPolicy-TLS13-1-2-PQ-2025-09). Load balancers
#   without TLS listeners are skipped.
# custom:
#   id: elbv2_listener_pqc_tls_enabled
#   severity: low
#   service: elbv2
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   requires: [listeners]
#   risk: Traffic recorded today can be decrypted once a large quantum computer breaks classical key exchange ("harvest now, decrypt later").
#   remediation:
#     text: Move each TLS listener to a post-quantum security policy.
#     cli: aws elbv2 modify-listener --listener-arn LISTENER_ARN --ssl-policy ELBSecurityPolicy-TLS13-1-2-PQ-2025-09
#     terraform: |
#       resource "aws_lb_listener" "https" {
#         ssl_policy = "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09"
#       }
package parapet.aws.elbv2.elbv2_listener_pqc_tls_enabled

import rego.v1

import data.parapet.lib.util

tls_listeners := [l | some l in util.as_list(input.resource.attributes.listeners); upper(l.Protocol) in {"HTTPS", "TLS"}]

post_quantum(policy) if contains(policy, "-PQ-")

classical := sort([sprintf("%v:%v (%v)", [l.Protocol, l.Port, l.SslPolicy]) | some l in tls_listeners; not post_quantum(l.SslPolicy)])

status := "SKIPPED" if {
	is_array(input.resource.attributes.listeners)
	count(tls_listeners) == 0
}

status := "PASS" if {
	count(tls_listeners) > 0
	count(classical) == 0
}

status := "FAIL" if count(classical) > 0

reason := sprintf("load balancer %s has no HTTPS or TLS listener", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("load balancer %s offers post-quantum key exchange on all its TLS listeners", [input.resource.name]) if status == "PASS"

reason := sprintf("load balancer %s has TLS listeners without post-quantum key exchange: %s", [input.resource.name, concat(", ", classical)]) if status == "FAIL"
