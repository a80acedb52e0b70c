package parapet.aws.ec2.ec2_confidential_workload_host_vsock_proxy_exposed_test

import rego.v1

import data.parapet.aws.ec2.ec2_confidential_workload_host_vsock_proxy_exposed as control

host(enclave, rules) := {"resource": {"name": "enclave", "tags": {}, "attributes": {
	"EnclaveOptions": {"Enabled": enclave}, "State": {"Name": "running"}, "security_group_rules": rules,
}}}

https_only := [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]

test_no_proxy_ingress_passes if {
	control.status == "PASS" with input as host(true, https_only)
	control.reason == "enclave host enclave admits no inbound traffic to the vsock proxy port 8000" with input as host(true, https_only)
}

test_port_range_covering_8000_from_a_private_range_fails if {
	inp := host(true, [{"IpProtocol": "tcp", "FromPort": 7000, "ToPort": 9000, "IpRanges": [{"CidrIp": "10.0.0.0/8"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}])
	control.status == "FAIL" with input as inp
}

test_all_traffic_from_a_group_fails if {
	inp := host(true, [{"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": [{"GroupId": "sg-1"}]}])
	control.status == "FAIL" with input as inp
}

test_host_without_enclaves_is_skipped if control.status == "SKIPPED" with input as host(false, [])

test_unread_rules_decide_nothing if not control.status with input as host(true, null)
