package parapet.aws.ec2.ec2_confidential_workload_host_unrestricted_ingress_test

import rego.v1

import data.parapet.aws.ec2.ec2_confidential_workload_host_unrestricted_ingress as control

host(overrides, tags, rules) := {"resource": {"name": "i-1", "tags": tags, "attributes": object.union(
	{
		"InstanceId": "i-1", "State": {"Name": "running"},
		"EnclaveOptions": {"Enabled": false}, "CpuOptions": {"CoreCount": 2, "AmdSevSnp": null},
		"security_group_rules": rules,
	},
	overrides,
)}}

enclave := {"EnclaveOptions": {"Enabled": true}}

https_from_internet := {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": []}

https_from_vpc := {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/16"}], "Ipv6Ranges": []}

test_enclave_host_open_to_internet_fails if {
	inp := host(enclave, {}, [https_from_internet])
	control.status == "FAIL" with input as inp
	control.reason == "confidential workload host i-1 accepts inbound traffic from the internet (tcp port 443)" with input as inp
}

test_enclave_host_private_passes if {
	inp := host(enclave, {}, [https_from_vpc])
	control.status == "PASS" with input as inp
	control.reason == "confidential workload host i-1 accepts no inbound traffic from the internet" with input as inp
}

test_sev_snp_host_fails if control.status == "FAIL" with input as host({"CpuOptions": {"AmdSevSnp": "enabled"}}, {}, [https_from_internet])

test_tag_key_case_insensitive if control.status == "FAIL" with input as host({}, {"dataclassification": "Secret"}, [https_from_internet])

test_tag_restricted if control.status == "FAIL" with input as host({}, {"DataClassification": "restricted"}, [https_from_internet])

test_ipv6_internet_fails if {
	rule := {"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}
	control.status == "FAIL" with input as host(enclave, {}, [rule])
}

test_icmp_from_internet_passes if {
	ping := {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
	control.status == "PASS" with input as host(enclave, {}, [ping])
}

test_no_rules_passes if control.status == "PASS" with input as host(enclave, {}, [])

test_public_tag_skipped if {
	inp := host({}, {"DataClassification": "public"}, [https_from_internet])
	control.status == "SKIPPED" with input as inp
	control.reason == "instance i-1 is not a confidential workload host" with input as inp
}

test_ordinary_instance_skipped if control.status == "SKIPPED" with input as host({}, {"Name": "web"}, [https_from_internet])

test_null_tags_and_cpu_options_skipped if control.status == "SKIPPED" with input as host({"CpuOptions": null}, null, [https_from_internet])

test_terminated_host_skipped if {
	inp := host(object.union(enclave, {"State": {"Name": "terminated"}}), {}, [https_from_internet])
	control.status == "SKIPPED" with input as inp
	control.reason == "instance i-1 is terminated" with input as inp
}

test_missing_rules_undecided if not control.status with input as host(enclave, {}, null)
