package parapet.aws.ecs.ecs_task_definitions_host_networking_mode_users_test

import rego.v1

import data.parapet.aws.ecs.ecs_task_definitions_host_networking_mode_users as control

td(mode, containers) := {"resource": {"name": "agent:1", "attributes": {"networkMode": mode, "containerDefinitions": containers}}}

test_awsvpc_passes_even_as_root if {
	control.status == "PASS" with input as td("awsvpc", [{"name": "app"}])
	control.reason == "task definition agent:1 does not use host networking" with input as td("awsvpc", [{"name": "app"}])
}

test_host_with_non_root_users_passes if {
	inp := td("host", [{"name": "app", "user": "1000:1000", "privileged": false}, {"name": "b", "user": "nobody"}])
	control.status == "PASS" with input as inp
}

test_host_with_unset_user_fails if {
	inp := td("host", [{"name": "app"}, {"name": "ok", "user": "1000"}])
	control.status == "FAIL" with input as inp
	control.reason == "task definition agent:1 uses host networking with privileged or root containers: app" with input as inp
}

test_host_with_root_or_privileged_fails if {
	inp := td("host", [{"name": "r", "user": "root:root"}, {"name": "z", "user": "0"}, {"name": "p", "user": "1000", "privileged": true}])
	control.reason == "task definition agent:1 uses host networking with privileged or root containers: p, r, z" with input as inp
}
