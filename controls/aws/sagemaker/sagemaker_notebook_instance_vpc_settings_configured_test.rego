package parapet.aws.sagemaker.sagemaker_notebook_instance_vpc_settings_configured_test

import rego.v1

import data.parapet.aws.sagemaker.sagemaker_notebook_instance_vpc_settings_configured as control

res(attrs) := {"resource": {"name": "r1", "attributes": attrs}}

test_subnet_passes if {
	control.status == "PASS" with input as res({"SubnetId": "subnet-1"})
	control.reason == "notebook instance r1 runs in subnet subnet-1" with input as res({"SubnetId": "subnet-1"})
}

test_no_subnet_fails if {
	control.status == "FAIL" with input as res({"SubnetId": null})
	control.reason == "notebook instance r1 is not attached to a VPC subnet" with input as res({"SubnetId": null})
}
