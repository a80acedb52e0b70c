package parapet.aws.secretsmanager.secretsmanager_secret_unused_test

import rego.v1

import data.parapet.aws.secretsmanager.secretsmanager_secret_unused as control

res(attrs) := {"now": "2026-06-30T12:00:00Z", "resource": {"name": "db", "attributes": object.union({"CreatedDate": "2025-01-01T00:00:00Z"}, attrs)}}

test_recent_read_passes if {
	control.status == "PASS" with input as res({"LastAccessedDate": "2026-06-20T00:00:00Z"})
	control.reason == "secret db was last read 10 day(s) ago" with input as res({"LastAccessedDate": "2026-06-20T00:00:00Z"})
}

test_old_read_fails if {
	control.status == "FAIL" with input as res({"LastAccessedDate": "2026-01-01T00:00:00Z"})
	control.reason == "secret db has not been read for 180 days (more than 90)" with input as res({"LastAccessedDate": "2026-01-01T00:00:00Z"})
}

test_never_read_old_secret_fails if {
	control.status == "FAIL" with input as res({"LastAccessedDate": null})
	control.reason == "secret db has never been read since it was created 545 days ago" with input as res({"LastAccessedDate": null})
}

test_never_read_new_secret_passes if {
	inp := res({"LastAccessedDate": null, "CreatedDate": "2026-06-25T00:00:00Z"})
	control.status == "PASS" with input as inp
	control.reason == "secret db has never been read; it was created 5 day(s) ago" with input as inp
}

test_boundary_day_89_passes if control.status == "PASS" with input as res({"LastAccessedDate": "2026-04-02T00:00:00Z"})
