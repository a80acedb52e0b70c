package parapet.aws.eks.eks_cluster_kms_cmk_encryption_in_secrets_enabled_test

import rego.v1

import data.parapet.aws.eks.eks_cluster_kms_cmk_encryption_in_secrets_enabled as control

cluster(attrs) := {"resource": {"name": "prod", "attributes": attrs}}

test_secrets_with_key_passes if {
	inp := cluster({"encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": "arn:aws:kms:us-east-1:111122223333:key/k"}}]})
	control.status == "PASS" with input as inp
	control.reason == "EKS cluster prod encrypts secrets with a KMS key" with input as inp
}

test_no_config_fails if {
	# The API leaves encryptionConfig out when none is associated.
	control.status == "FAIL" with input as cluster({"name": "prod"})
	control.status == "FAIL" with input as cluster({"encryptionConfig": []})
	control.reason == "EKS cluster prod does not encrypt secrets with a KMS key" with input as cluster({})
}
