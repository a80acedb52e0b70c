package parapet.aws.ec2.ec2_securitygroup_default_restrict_traffic_test

import rego.v1

import data.parapet.aws.ec2.ec2_securitygroup_default_restrict_traffic as control

sg(is_default, inbound, outbound) := {"resource": {"name": "sg-1", "attributes": {
	"GroupId": "sg-1", "GroupName": "default", "is_default": is_default,
	"IpPermissions": inbound, "IpPermissionsEgress": outbound,
}}}

self_ref := {"IpProtocol": "-1", "IpRanges": [], "UserIdGroupPairs": [{"GroupId": "sg-1"}]}

egress_all := {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}

test_empty_default_group_passes if {
	control.status == "PASS" with input as sg(true, [], [])
	control.reason == "default security group sg-1 has no inbound or outbound rules" with input as sg(true, [], [])
}

# The rules AWS creates with every VPC.
test_as_created_fails if {
	inp := sg(true, [self_ref], [egress_all])
	control.status == "FAIL" with input as inp
	control.reason == "default security group sg-1 has 1 inbound and 1 outbound rules" with input as inp
}

test_only_egress_fails if control.status == "FAIL" with input as sg(true, [], [egress_all])

test_only_ingress_fails if control.status == "FAIL" with input as sg(true, [self_ref], [])

test_other_group_skipped if {
	control.status == "SKIPPED" with input as sg(false, [self_ref], [egress_all])
	control.reason == "security group sg-1 is not a default security group" with input as sg(false, [self_ref], [egress_all])
}

test_missing_egress_undecided if {
	inp := {"resource": {"name": "sg-1", "attributes": {"is_default": true, "IpPermissions": []}}}
	not control.status with input as inp
}

test_null_rules_undecided if not control.status with input as sg(true, null, [])
