package parapet.aws.transfer.transfer_server_pqc_ssh_kex_enabled_test

import rego.v1

import data.parapet.aws.transfer.transfer_server_pqc_ssh_kex_enabled as control

server(policy, protocols) := {"resource": {"name": "s-1", "attributes": {"SecurityPolicyName": policy, "Protocols": protocols}}}

test_mlkem_policy_passes if {
	control.status == "PASS" with input as server("TransferSecurityPolicy-2025-03", ["SFTP"])
	control.status == "PASS" with input as server("TransferSecurityPolicy-PQ-SSH-Experimental-2023-04", ["SFTP"])
}

test_classical_policy_fails if {
	inp := server("TransferSecurityPolicy-2024-01", ["SFTP"])
	control.status == "FAIL" with input as inp
	control.reason == "server s-1 security policy TransferSecurityPolicy-2024-01 has no post-quantum SSH key exchange" with input as inp
}

test_ftps_only_is_skipped if control.status == "SKIPPED" with input as server("TransferSecurityPolicy-2024-01", ["FTPS"])
