package parapet.aws.ecs.ecs_task_definitions_no_privileged_containers_test

import rego.v1

import data.parapet.aws.ecs.ecs_task_definitions_no_privileged_containers as control

td(containers) := {"resource": {"name": "web:3", "attributes": {"containerDefinitions": containers}}}

test_unprivileged_passes if {
	control.status == "PASS" with input as td([{"name": "app"}, {"name": "b", "privileged": false}])
	control.reason == "task definition web:3 has no privileged containers" with input as td([{"name": "app"}])
}

test_privileged_fails if {
	inp := td([{"name": "app"}, {"name": "dind", "privileged": true}])
	control.status == "FAIL" with input as inp
	control.reason == "task definition web:3 runs privileged containers: dind" with input as inp
}
