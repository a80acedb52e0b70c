package parapet.lib.ec2_test

import rego.v1

import data.parapet.lib.ec2

test_enclave_host if ec2.confidential_host({"attributes": {"EnclaveOptions": {"Enabled": true}}})

test_sev_snp_host if ec2.confidential_host({"attributes": {"CpuOptions": {"AmdSevSnp": "enabled"}}})

test_tag_any_case if ec2.confidential_host({"attributes": {}, "tags": {"dataClassification": " Secret "}})

test_plain_host if {
	not ec2.confidential_host({"attributes": {"EnclaveOptions": {"Enabled": false}, "CpuOptions": {"AmdSevSnp": "disabled"}}, "tags": {"DataClassification": "public"}})
	not ec2.confidential_host({"attributes": {}, "tags": null})
}

test_gone if {
	ec2.gone({"attributes": {"State": {"Name": "terminated"}}})
	not ec2.gone({"attributes": {"State": {"Name": "stopped"}}})
}
