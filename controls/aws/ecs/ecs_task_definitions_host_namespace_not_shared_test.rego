package parapet.aws.ecs.ecs_task_definitions_host_namespace_not_shared_test

import rego.v1

import data.parapet.aws.ecs.ecs_task_definitions_host_namespace_not_shared as control

td(extra) := {"resource": {"name": "web:3", "attributes": object.union({"containerDefinitions": [{"name": "app"}]}, extra)}}

test_default_modes_pass if {
	control.status == "PASS" with input as td({})
	control.status == "PASS" with input as td({"pidMode": "task", "ipcMode": "none"})
}

test_host_pid_fails if {
	control.status == "FAIL" with input as td({"pidMode": "host"})
	control.reason == "task definition web:3 shares the host's namespaces (pidMode = host)" with input as td({"pidMode": "host"})
}

test_host_ipc_and_pid_both_named if {
	control.reason == "task definition web:3 shares the host's namespaces (ipcMode, pidMode = host)" with input as td({"pidMode": "host", "ipcMode": "host"})
}
