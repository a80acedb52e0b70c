package parapet.aws.ec2.ec2_confidential_workload_host_imdsv2_not_enforced_test

import rego.v1

import data.parapet.aws.ec2.ec2_confidential_workload_host_imdsv2_not_enforced as control

host(overrides, tags, tokens) := {"resource": {"name": "i-1", "tags": tags, "attributes": object.union(
	{
		"InstanceId": "i-1", "State": {"Name": "running"},
		"EnclaveOptions": {"Enabled": false}, "CpuOptions": {"CoreCount": 2},
		"MetadataOptions": {"HttpTokens": tokens, "HttpEndpoint": "enabled"},
	},
	overrides,
)}}

enclave := {"EnclaveOptions": {"Enabled": true}}

test_enclave_host_required_passes if {
	inp := host(enclave, {}, "required")
	control.status == "PASS" with input as inp
	control.reason == "confidential workload host i-1 requires IMDSv2 or has its metadata service disabled" with input as inp
}

test_enclave_host_optional_fails if {
	inp := host(enclave, {}, "optional")
	control.status == "FAIL" with input as inp
	control.reason == "confidential workload host i-1 accepts IMDSv1 requests (HttpTokens is optional)" with input as inp
}

test_sev_snp_host_fails if control.status == "FAIL" with input as host({"CpuOptions": {"AmdSevSnp": "enabled"}}, {}, "optional")

test_sev_snp_disabled_skipped if control.status == "SKIPPED" with input as host({"CpuOptions": {"AmdSevSnp": "disabled"}}, {}, "optional")

test_tagged_host_fails if control.status == "FAIL" with input as host({}, {"DATACLASSIFICATION": " Confidential "}, "optional")

test_endpoint_disabled_passes if {
	inp := host(object.union(enclave, {"MetadataOptions": {"HttpTokens": "optional", "HttpEndpoint": "disabled"}}), {}, "optional")
	control.status == "PASS" with input as inp
}

test_ordinary_instance_skipped if {
	inp := host({}, {"DataClassification": "internal"}, "optional")
	control.status == "SKIPPED" with input as inp
	control.reason == "instance i-1 is not a confidential workload host" with input as inp
}

test_null_tags_skipped if control.status == "SKIPPED" with input as host({}, null, "optional")

test_terminated_host_skipped if control.status == "SKIPPED" with input as host(object.union(enclave, {"State": {"Name": "terminated"}}), {}, "optional")

test_missing_metadata_options_undecided if {
	inp := {"resource": {"name": "i-1", "tags": {}, "attributes": {"EnclaveOptions": {"Enabled": true}, "State": {"Name": "running"}}}}
	not control.status with input as inp
}
