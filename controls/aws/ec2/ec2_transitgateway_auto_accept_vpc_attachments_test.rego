package parapet.aws.ec2.ec2_transitgateway_auto_accept_vpc_attachments_test

import rego.v1

import data.parapet.aws.ec2.ec2_transitgateway_auto_accept_vpc_attachments as control

tgw(v) := {"resource": {"name": "core", "attributes": {"Options": {"AutoAcceptSharedAttachments": v}}}}

test_enable_fails if {
	control.status == "FAIL" with input as tgw("enable")
	control.reason == "transit gateway core accepts shared VPC attachments automatically" with input as tgw("enable")
}

test_disable_passes if control.status == "PASS" with input as tgw("disable")

test_unknown_decides_nothing if not control.status with input as tgw(null)
