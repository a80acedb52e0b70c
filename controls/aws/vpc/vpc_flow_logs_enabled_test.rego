package parapet.aws.vpc.vpc_flow_logs_enabled_test

import rego.v1

import data.parapet.aws.vpc.vpc_flow_logs_enabled as control

vpc(logs) := {"resource": {"name": "vpc-1", "attributes": {"VpcId": "vpc-1", "flow_logs": logs}}}

log(status, traffic) := {"FlowLogId": "fl-1", "FlowLogStatus": status, "TrafficType": traffic, "LogDestinationType": "s3"}

test_active_all_passes if {
	control.status == "PASS" with input as vpc([log("ACTIVE", "ALL")])
	control.reason == "VPC vpc-1 has an active flow log recording ALL traffic" with input as vpc([log("ACTIVE", "ALL")])
}

test_active_reject_passes if control.status == "PASS" with input as vpc([log("ACTIVE", "REJECT")])

test_no_flow_logs_fails if {
	control.status == "FAIL" with input as vpc([])
	control.reason == "VPC vpc-1 has no flow log" with input as vpc([])
}

test_null_flow_logs_fails if control.status == "FAIL" with input as vpc(null)

test_inactive_flow_log_fails if {
	control.status == "FAIL" with input as vpc([log("INACTIVE", "ALL")])
	control.reason == "VPC vpc-1 has flow logs but none is active" with input as vpc([log("INACTIVE", "ALL")])
}

test_accept_only_fails if {
	control.status == "FAIL" with input as vpc([log("ACTIVE", "ACCEPT")])
	control.reason == "VPC vpc-1 has active flow logs, but they record only accepted traffic" with input as vpc([log("ACTIVE", "ACCEPT")])
}

test_one_good_among_several_passes if control.status == "PASS" with input as vpc([log("INACTIVE", "ALL"), log("ACTIVE", "ACCEPT"), log("ACTIVE", "REJECT")])
