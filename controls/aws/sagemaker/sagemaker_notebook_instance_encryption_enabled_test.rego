package parapet.aws.sagemaker.sagemaker_notebook_instance_encryption_enabled_test

import rego.v1

import data.parapet.aws.sagemaker.sagemaker_notebook_instance_encryption_enabled as control

res(attrs) := {"resource": {"name": "r1", "attributes": attrs}}

test_good_passes if {
	control.status == "PASS" with input as res({"KmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/k"})
	control.reason == "notebook instance r1 encrypts its storage with a KMS key" with input as res({"KmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/k"})
}

test_bad_fails if {
	control.status == "FAIL" with input as res({"KmsKeyId": null})
	control.reason == "notebook instance r1 has no KMS key for its storage" with input as res({"KmsKeyId": null})
}

test_unknown_decides_nothing if not control.status with input as res({})
