# METADATA
# title: Transfer Family server offers post-quantum SSH key exchange
# description: |
#   Checks that the server's security policy is one that offers hybrid post-quantum key
#   exchange for SSH (ML-KEM, or the earlier experimental Kyber policies): the policies
#   with PQ in their name, and TransferSecurityPolicy-2025-03 and its FIPS variant,
#   which add mlkem768x25519-sha256. Servers that offer no SFTP are skipped.
# custom:
#   id: transfer_server_pqc_ssh_kex_enabled
#   severity: low
#   service: transfer
#   resource_type: AWS::Transfer::Server
#   requires: [SecurityPolicyName, Protocols]
#   risk: SFTP sessions recorded today could be decrypted once large quantum computers break classical key exchange.
#   remediation:
#     text: Switch the server to a security policy with post-quantum key exchange.
#     cli: aws transfer update-server --server-id SERVER --security-policy-name TransferSecurityPolicy-2025-03
#     terraform: |
#       resource "aws_transfer_server" "this" {
#         security_policy_name = "TransferSecurityPolicy-2025-03"
#       }
package parapet.aws.transfer.transfer_server_pqc_ssh_kex_enabled

import rego.v1

attrs := input.resource.attributes

# Policies whose SSH key exchanges include a hybrid ML-KEM (or Kyber) method.
mlkem_policies := {"TransferSecurityPolicy-2025-03", "TransferSecurityPolicy-FIPS-2025-03"}

policy := object.get(attrs, "SecurityPolicyName", "TransferSecurityPolicy-2018-11")

post_quantum if policy in mlkem_policies

post_quantum if contains(policy, "-PQ-")

ssh if "SFTP" in attrs.Protocols

status := "SKIPPED" if {
	is_array(attrs.Protocols)
	not ssh
}

status := "PASS" if {
	ssh
	post_quantum
}

status := "FAIL" if {
	ssh
	not post_quantum
}

reason := sprintf("server %s offers no SFTP", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("server %s offers post-quantum SSH key exchange (%s)", [input.resource.name, policy]) if status == "PASS"

reason := sprintf("server %s security policy %s has no post-quantum SSH key exchange", [input.resource.name, policy]) if status == "FAIL"
