package parapet.aws.ec2.ec2_instance_managed_by_ssm_test

import rego.v1

import data.parapet.aws.ec2.ec2_instance_managed_by_ssm as control

instance(state, agent) := {"resource": {"name": "web-1", "attributes": {
	"InstanceId": "i-1", "State": {"Name": state}, "ssm_managed": agent,
}}}

online := {"PingStatus": "Online", "AgentVersion": "3.3.987.0", "PlatformType": "Linux"}

test_online_agent_passes if {
	inp := instance("running", online)
	control.status == "PASS" with input as inp
	control.reason == "instance web-1 is managed by Systems Manager (agent 3.3.987.0 online)" with input as inp
}

test_unregistered_instance_fails if {
	inp := instance("running", null)
	control.status == "FAIL" with input as inp
	control.reason == "instance web-1 is not registered with Systems Manager" with input as inp
}

test_lost_agent_fails if {
	inp := instance("running", {"PingStatus": "ConnectionLost", "AgentVersion": "3.2.582.0"})
	control.status == "FAIL" with input as inp
	control.reason == "instance web-1 is registered with Systems Manager but its agent is ConnectionLost" with input as inp
}

test_stopped_instance_skipped if {
	inp := instance("stopped", null)
	control.status == "SKIPPED" with input as inp
	control.reason == "instance web-1 is stopped; only a running instance's agent can report" with input as inp
}

test_terminated_instance_skipped if control.status == "SKIPPED" with input as instance("terminated", online)

test_missing_attribute_undecided if {
	not control.status with input as {"resource": {"name": "web-1", "attributes": {"State": {"Name": "running"}}}}
}
