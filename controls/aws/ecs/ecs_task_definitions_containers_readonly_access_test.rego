package parapet.aws.ecs.ecs_task_definitions_containers_readonly_access_test

import rego.v1

import data.parapet.aws.ecs.ecs_task_definitions_containers_readonly_access as control

td(containers) := {"resource": {"name": "web:3", "attributes": {"containerDefinitions": containers}}}

test_all_read_only_passes if {
	inp := td([{"name": "app", "readonlyRootFilesystem": true}, {"name": "proxy", "readonlyRootFilesystem": true}])
	control.status == "PASS" with input as inp
	control.reason == "task definition web:3 runs every container with a read-only root file system" with input as inp
}

test_one_writable_fails_and_names_it if {
	# The API omits the field when it was never set: writable.
	inp := td([{"name": "app", "readonlyRootFilesystem": true}, {"name": "sidecar"}, {"name": "log", "readonlyRootFilesystem": false}])
	control.status == "FAIL" with input as inp
	control.reason == "task definition web:3 lets containers write their root file system: log, sidecar" with input as inp
}

test_unread_decides_nothing if not control.status with input as {"resource": {"name": "x", "attributes": {}}}
