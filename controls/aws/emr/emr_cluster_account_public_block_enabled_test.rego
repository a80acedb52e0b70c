package parapet.aws.emr.emr_cluster_account_public_block_enabled_test

import rego.v1

import data.parapet.aws.emr.emr_cluster_account_public_block_enabled as control

region(config) := {"resource": {"name": "111122223333", "region": "eu-west-1", "attributes": {"block_public_access": config}}}

test_on_passes if {
	inp := region({"BlockPublicSecurityGroupRules": true, "PermittedPublicSecurityGroupRuleRanges": [{"MinRange": 22, "MaxRange": 22}]})
	control.status == "PASS" with input as inp
	control.reason == "EMR block public access is on in eu-west-1" with input as inp
}

test_off_fails if {
	control.status == "FAIL" with input as region({"BlockPublicSecurityGroupRules": false})
	control.reason == "EMR block public access is off in eu-west-1" with input as region({"BlockPublicSecurityGroupRules": false})
}
