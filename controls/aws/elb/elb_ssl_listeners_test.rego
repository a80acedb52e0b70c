package parapet.aws.elb.elb_ssl_listeners_test

import rego.v1

import data.parapet.aws.elb.elb_ssl_listeners as control

lb(protocols) := {"resource": {"name": "legacy", "attributes": {"ListenerDescriptions": [
{"Listener": {"Protocol": p, "LoadBalancerPort": port}} |
	some port, p in protocols
]}}}

test_https_only_passes if control.status == "PASS" with input as lb({443: "HTTPS", 8443: "SSL"})

test_http_listener_fails if {
	inp := lb({80: "HTTP", 443: "HTTPS"})
	control.status == "FAIL" with input as inp
	control.reason == "load balancer legacy has unencrypted listeners: HTTP:80" with input as inp
}

test_tcp_listener_fails if control.status == "FAIL" with input as lb({5432: "TCP"})
