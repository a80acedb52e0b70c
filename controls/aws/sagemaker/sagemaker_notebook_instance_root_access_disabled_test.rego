package parapet.aws.sagemaker.sagemaker_notebook_instance_root_access_disabled_test

import rego.v1

import data.parapet.aws.sagemaker.sagemaker_notebook_instance_root_access_disabled as control

res(attrs) := {"resource": {"name": "r1", "attributes": attrs}}

test_disabled_passes if {
	control.status == "PASS" with input as res({"RootAccess": "Disabled"})
	control.reason == "notebook instance r1 gives its users no root access" with input as res({"RootAccess": "Disabled"})
}

test_enabled_fails if {
	control.status == "FAIL" with input as res({"RootAccess": "Enabled"})
	control.reason == "notebook instance r1 gives its users root access" with input as res({"RootAccess": "Enabled"})
}

test_unknown_decides_nothing if not control.status with input as res({"RootAccess": null})
