# METADATA
# title: Classic Load Balancer TLS listeners use ACM certificates
# description: |
#   Checks that every HTTPS or SSL listener of the Classic Load Balancer presents a
#   certificate from AWS Certificate Manager rather than an IAM server certificate,
#   which AWS never renews. Load balancers without TLS listeners are skipped.
# custom:
#   id: elb_ssl_listeners_use_acm_certificate
#   severity: medium
#   service: elb
#   resource_type: AWS::ElasticLoadBalancing::LoadBalancer
#   requires: [ListenerDescriptions]
#   risk: Certificates uploaded to IAM are renewed by hand; when one expires, clients get TLS errors or are trained to click through them.
#   remediation:
#     text: Request or import the certificate in ACM and set it on each HTTPS/SSL listener.
#     cli: aws elb set-load-balancer-listener-ssl-certificate --load-balancer-name LB --load-balancer-port 443 --ssl-certificate-id ACM_CERT_ARN
#     terraform: |
#       resource "aws_elb" "this" {
#         listener {
#           lb_port            = 443
#           lb_protocol        = "https"
#           instance_port      = 80
#           instance_protocol  = "http"
#           ssl_certificate_id = aws_acm_certificate.this.arn
#         }
#       }
package parapet.aws.elb.elb_ssl_listeners_use_acm_certificate

import rego.v1

import data.parapet.lib.util

tls_listeners := [l.Listener |
	some l in util.as_list(input.resource.attributes.ListenerDescriptions)
	upper(l.Listener.Protocol) in {"HTTPS", "SSL"}
]

acm(listener) if startswith(listener.SSLCertificateId, "arn:aws:acm:")

acm(listener) if startswith(listener.SSLCertificateId, "arn:aws-us-gov:acm:")

acm(listener) if startswith(listener.SSLCertificateId, "arn:aws-cn:acm:")

not_acm := sort([sprintf("%v:%v", [l.Protocol, l.LoadBalancerPort]) | some l in tls_listeners; not acm(l)])

status := "SKIPPED" if count(tls_listeners) == 0

status := "PASS" if {
	count(tls_listeners) > 0
	count(not_acm) == 0
}

status := "FAIL" if count(not_acm) > 0

reason := sprintf("load balancer %s has no HTTPS or SSL listener", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("load balancer %s presents ACM certificates on all its TLS listeners", [input.resource.name]) if status == "PASS"

reason := sprintf("load balancer %s presents certificates not managed by ACM on: %s", [input.resource.name, concat(", ", not_acm)]) if status == "FAIL"
