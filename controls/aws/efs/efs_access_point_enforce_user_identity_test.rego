package parapet.aws.efs.efs_access_point_enforce_user_identity_test

import rego.v1

import data.parapet.aws.efs.efs_access_point_enforce_user_identity as control

ap(user) := {"resource": {"name": "app", "attributes": {"PosixUser": user}}}

test_posix_user_passes if {
	control.status == "PASS" with input as ap({"Uid": 1000, "Gid": 1000})
	control.reason == "access point app acts as uid 1000 gid 1000 for every client" with input as ap({"Uid": 1000, "Gid": 1000})
}

test_no_posix_user_fails if {
	control.status == "FAIL" with input as ap(null)
	control.reason == "access point app lets clients use their own user identity" with input as ap(null)
}
