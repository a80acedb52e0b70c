# METADATA
# title: Confidential workload host has no public IP address
# description: |
#   For instances that host confidential workloads (Nitro Enclaves or AMD SEV-SNP on, or
#   a DataClassification tag of confidential, restricted or secret), checks that they
#   have no public IPv4 address and no IPv6 address, which is globally routable. Other
#   instances, and instances shutting down, are skipped.
# custom:
#   id: ec2_confidential_workload_host_public_ip
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [PublicIpAddress, EnclaveOptions, CpuOptions, State, Ipv6Address]
#   risk: The host of the most sensitive processing is one security-group mistake away from direct exposure to the internet.
#   remediation:
#     text: Move the workload to a private subnet without public or IPv6 addresses, and let it reach AWS services through VPC endpoints.
#     cli: aws ec2 disassociate-address --association-id ASSOCIATION_ID
#     terraform: |
#       resource "aws_instance" "enclave_host" {
#         associate_public_ip_address = false
#         ipv6_address_count          = 0
#         subnet_id                   = aws_subnet.private.id
#       }
package parapet.aws.ec2.ec2_confidential_workload_host_public_ip

import rego.v1

import data.parapet.lib.ec2

attrs := input.resource.attributes

applies if {
	ec2.confidential_host(input.resource)
	not ec2.gone(input.resource)
}

addresses := [a | some a in [attrs.PublicIpAddress, object.get(attrs, "Ipv6Address", null)]; is_string(a)]

status := "SKIPPED" if not applies

status := "FAIL" if {
	applies
	count(addresses) > 0
}

status := "PASS" if {
	applies
	count(addresses) == 0
}

reason := sprintf("instance %s does not host a confidential workload (or is shutting down)", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("confidential workload host %s has internet-routable addresses: %s", [input.resource.name, concat(", ", addresses)]) if status == "FAIL"

reason := sprintf("confidential workload host %s has no public or IPv6 address", [input.resource.name]) if status == "PASS"
