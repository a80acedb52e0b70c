package parapet.aws.ec2.ec2_confidential_workload_host_not_running_test

import rego.v1

import data.parapet.aws.ec2.ec2_confidential_workload_host_not_running as control

host(state, tags) := {"resource": {"name": "enclave", "tags": tags, "attributes": {
	"EnclaveOptions": {"Enabled": true}, "CpuOptions": {"AmdSevSnp": null}, "State": {"Name": state},
}}}

test_running_passes if {
	control.status == "PASS" with input as host("running", {})
	control.reason == "confidential workload host enclave is running" with input as host("running", {})
}

test_stopped_fails if {
	control.status == "FAIL" with input as host("stopped", {})
	control.reason == "confidential workload host enclave is stopped" with input as host("stopped", {})
}

test_tagged_stopped_host_fails if {
	inp := {"resource": {"name": "db", "tags": {"DataClassification": "Secret"}, "attributes": {"EnclaveOptions": {"Enabled": false}, "State": {"Name": "stopping"}}}}
	control.status == "FAIL" with input as inp
}

test_terminated_host_is_skipped if control.status == "SKIPPED" with input as host("terminated", {})

test_ordinary_stopped_instance_is_skipped if {
	inp := {"resource": {"name": "web", "tags": {}, "attributes": {"EnclaveOptions": {"Enabled": false}, "State": {"Name": "stopped"}}}}
	control.status == "SKIPPED" with input as inp
}
