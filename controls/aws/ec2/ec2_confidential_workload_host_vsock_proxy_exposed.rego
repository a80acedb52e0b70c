# METADATA
# title: Nitro Enclave host does not expose its vsock proxy port
# description: |
#   On instances with Nitro Enclaves enabled, the vsock proxy (which relays the
#   enclave's connections, typically to KMS) listens on the parent instance, by default
#   on TCP port 8000. Checks that no security group rule of the instance admits inbound
#   TCP traffic to port 8000 from any source (address range, prefix list or security
#   group): the proxy serves only the enclave on the same host. Instances without
#   enclaves are skipped.
# custom:
#   id: ec2_confidential_workload_host_vsock_proxy_exposed
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [EnclaveOptions, State, security_group_rules]
#   risk: Other hosts can relay traffic through the proxy as if they were the enclave, reaching the endpoints it is allowed to (such as KMS) and probing the enclave's channel.
#   remediation:
#     text: Remove inbound rules covering TCP 8000 (or the proxy's configured port) from the host's security groups; the enclave reaches the proxy over vsock, not the network.
#     cli: aws ec2 revoke-security-group-ingress --group-id SG_ID --protocol tcp --port 8000 --cidr CIDR
package parapet.aws.ec2.ec2_confidential_workload_host_vsock_proxy_exposed

import rego.v1

import data.parapet.lib.ec2
import data.parapet.lib.network
import data.parapet.lib.util

attrs := input.resource.attributes

vsock_proxy_port := 8000

applies if {
	attrs.EnclaveOptions.Enabled == true
	not ec2.gone(input.resource)
}

exposing := [p |
	some p in util.as_list(attrs.security_group_rules)
	network.permission_covers_tcp_port(p, vsock_proxy_port)
]

status := "SKIPPED" if not applies

status := "PASS" if {
	applies
	is_array(attrs.security_group_rules)
	count(exposing) == 0
}

status := "FAIL" if {
	applies
	count(exposing) > 0
}

reason := sprintf("instance %s does not run Nitro Enclaves (or is shutting down)", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("enclave host %s admits no inbound traffic to the vsock proxy port %d", [input.resource.name, vsock_proxy_port]) if status == "PASS"

reason := sprintf("enclave host %s admits inbound traffic to the vsock proxy port %d (%s)", [
	input.resource.name, vsock_proxy_port,
	concat("; ", sort({network.permission_label(p) | some p in exposing})),
]) if status == "FAIL"
