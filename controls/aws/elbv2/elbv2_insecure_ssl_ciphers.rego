# METADATA
# title: Load balancer TLS listeners refuse legacy protocol versions
# description: |
#   Checks the security policy of every HTTPS (ALB) and TLS (NLB) listener. Passes when
#   each policy accepts only TLS 1.2 or later with forward-secret ciphers (the AWS
#   policies named TLS13-1-2-*, TLS13-1-3-*, FS-1-2-*); fails on policies that still
#   accept TLS 1.0 or 1.1 or non-forward-secret ciphers, such as the long-time default
#   ELBSecurityPolicy-2016-08. Load balancers without TLS listeners are skipped.
# custom:
#   id: elbv2_insecure_ssl_ciphers
#   severity: medium
#   service: elbv2
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   requires: [listeners]
#   risk: Clients can be downgraded to protocol versions and ciphers with known weaknesses (BEAST, Lucky13, no forward secrecy), exposing traffic to decryption.
#   remediation:
#     text: Set each TLS listener's security policy to a TLS 1.2+ forward-secret policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.
#     cli: aws elbv2 modify-listener --listener-arn LISTENER_ARN --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06
#     terraform: |
#       resource "aws_lb_listener" "https" {
#         ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
#       }
package parapet.aws.elbv2.elbv2_insecure_ssl_ciphers

import rego.v1

import data.parapet.lib.util

tls_listeners := [l | some l in util.as_list(input.resource.attributes.listeners); upper(l.Protocol) in {"HTTPS", "TLS"}]

# TLS 1.2+ with forward-secret ciphers only, by the AWS policy naming scheme.
strong(policy) if regex.match(`^ELBSecurityPolicy-(TLS13-1-[23]|FS-1-2)-`, policy)

weak := sort([sprintf("%v:%v (%v)", [l.Protocol, l.Port, l.SslPolicy]) | some l in tls_listeners; not strong(l.SslPolicy)])

status := "SKIPPED" if {
	is_array(input.resource.attributes.listeners)
	count(tls_listeners) == 0
}

status := "PASS" if {
	count(tls_listeners) > 0
	count(weak) == 0
}

status := "FAIL" if count(weak) > 0

reason := sprintf("load balancer %s has no HTTPS or TLS listener", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("load balancer %s accepts only TLS 1.2+ with forward-secret ciphers", [input.resource.name]) if status == "PASS"

reason := sprintf("load balancer %s has listeners whose security policy accepts legacy TLS versions or ciphers: %s", [input.resource.name, concat(", ", weak)]) if status == "FAIL"
