package parapet.aws.efs.efs_access_point_enforce_root_directory_test

import rego.v1

import data.parapet.aws.efs.efs_access_point_enforce_root_directory as control

ap(root) := {"resource": {"name": "app", "attributes": {"RootDirectory": root}}}

test_subdirectory_passes if {
	control.status == "PASS" with input as ap({"Path": "/app"})
	control.reason == "access point app confines clients to /app" with input as ap({"Path": "/app"})
}

test_root_fails if {
	control.status == "FAIL" with input as ap({"Path": "/"})
	control.reason == "access point app exposes the whole file system (root directory /)" with input as ap({"Path": "/"})
}

test_no_root_directory_fails if control.status == "FAIL" with input as ap(null)
