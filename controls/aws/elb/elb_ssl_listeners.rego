# METADATA
# title: Classic Load Balancer listens only with TLS
# description: |
#   Checks that every listener of the Classic Load Balancer uses HTTPS or SSL. A plain
#   HTTP listener that only redirects still receives the first request in clear text;
#   Classic Load Balancers cannot redirect at all, so any HTTP or TCP listener serves
#   traffic unencrypted.
# custom:
#   id: elb_ssl_listeners
#   severity: medium
#   service: elb
#   resource_type: AWS::ElasticLoadBalancing::LoadBalancer
#   requires: [ListenerDescriptions]
#   risk: Credentials, session cookies and data between clients and the load balancer can be read or altered on the network.
#   remediation:
#     text: Replace HTTP/TCP listeners with HTTPS/SSL listeners using an ACM certificate (or move to an Application Load Balancer, which can redirect HTTP to HTTPS).
#     cli: aws elb create-load-balancer-listeners --load-balancer-name LB --listeners Protocol=HTTPS,LoadBalancerPort=443,InstanceProtocol=HTTP,InstancePort=80,SSLCertificateId=CERT_ARN
package parapet.aws.elb.elb_ssl_listeners

import rego.v1

import data.parapet.lib.util

listeners := input.resource.attributes.ListenerDescriptions

secure_protocols := {"HTTPS", "SSL"}

plain := sort([sprintf("%v:%v", [l.Listener.Protocol, l.Listener.LoadBalancerPort]) |
	some l in util.as_list(listeners)
	not upper(l.Listener.Protocol) in secure_protocols
])

status := "PASS" if {
	is_array(listeners)
	count(plain) == 0
}

status := "FAIL" if count(plain) > 0

reason := sprintf("load balancer %s listens only with HTTPS or SSL", [input.resource.name]) if status == "PASS"

reason := sprintf("load balancer %s has unencrypted listeners: %s", [input.resource.name, concat(", ", plain)]) if status == "FAIL"
