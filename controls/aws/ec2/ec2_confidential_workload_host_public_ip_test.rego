package parapet.aws.ec2.ec2_confidential_workload_host_public_ip_test

import rego.v1

import data.parapet.aws.ec2.ec2_confidential_workload_host_public_ip as control

host(extra) := {"resource": {"name": "enclave", "tags": {}, "attributes": object.union({
	"EnclaveOptions": {"Enabled": true}, "CpuOptions": {"AmdSevSnp": null},
	"State": {"Name": "running"}, "PublicIpAddress": null,
}, extra)}}

test_public_ipv4_fails if {
	inp := host({"PublicIpAddress": "198.51.100.7"})
	control.status == "FAIL" with input as inp
	control.reason == "confidential workload host enclave has internet-routable addresses: 198.51.100.7" with input as inp
}

test_ipv6_fails if control.status == "FAIL" with input as host({"Ipv6Address": "2001:db8::5"})

test_private_passes if control.status == "PASS" with input as host({})

test_tagged_host_is_in_scope if {
	inp := {"resource": {"name": "db", "tags": {"DataClassification": "restricted"}, "attributes": {
		"EnclaveOptions": {"Enabled": false}, "State": {"Name": "running"}, "PublicIpAddress": "198.51.100.9",
	}}}
	control.status == "FAIL" with input as inp
}

test_ordinary_host_is_skipped if {
	inp := {"resource": {"name": "web", "tags": {}, "attributes": {"EnclaveOptions": {"Enabled": false}, "State": {"Name": "running"}, "PublicIpAddress": "198.51.100.7"}}}
	control.status == "SKIPPED" with input as inp
}

test_terminating_host_is_skipped if control.status == "SKIPPED" with input as host({"State": {"Name": "shutting-down"}, "PublicIpAddress": "198.51.100.7"})
