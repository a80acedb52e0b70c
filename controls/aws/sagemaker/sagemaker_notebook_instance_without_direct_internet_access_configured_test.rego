package parapet.aws.sagemaker.sagemaker_notebook_instance_without_direct_internet_access_configured_test

import rego.v1

import data.parapet.aws.sagemaker.sagemaker_notebook_instance_without_direct_internet_access_configured as control

res(attrs) := {"resource": {"name": "r1", "attributes": attrs}}

test_good_passes if {
	control.status == "PASS" with input as res({"DirectInternetAccess": "Disabled"})
	control.reason == "notebook instance r1 has no direct internet access" with input as res({"DirectInternetAccess": "Disabled"})
}

test_bad_fails if {
	control.status == "FAIL" with input as res({"DirectInternetAccess": "Enabled"})
	control.reason == "notebook instance r1 has direct internet access" with input as res({"DirectInternetAccess": "Enabled"})
}

test_unknown_decides_nothing if not control.status with input as res({})
