package parapet.aws.ec2.ec2_networkacl_unused_test

import rego.v1

import data.parapet.aws.ec2.ec2_networkacl_unused as control

acl(is_default, associations) := {"resource": {"name": "acl-1", "attributes": {"IsDefault": is_default, "Associations": associations}}}

test_used_passes if {
	control.status == "PASS" with input as acl(false, [{"SubnetId": "subnet-1"}])
	control.reason == "network ACL acl-1 is used by 1 subnets" with input as acl(false, [{"SubnetId": "subnet-1"}])
}

test_unused_fails if {
	control.status == "FAIL" with input as acl(false, [])
	control.reason == "network ACL acl-1 is not associated with any subnet" with input as acl(false, [])
}

test_default_is_skipped if control.status == "SKIPPED" with input as acl(true, [])

test_unreadable_decides_nothing if not control.status with input as {"resource": {"name": "acl-1", "attributes": {"IsDefault": false}}}
