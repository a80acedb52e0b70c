package parapet.aws.cloudtrail.cloudtrail_threat_detection_enumeration_test

import rego.v1

import data.parapet.aws.cloudtrail.cloudtrail_threat_detection_enumeration as control

res(identities) := {"resource": {"name": "111122223333", "region": "eu-west-1", "attributes": {
	"window_hours": 24,
	"enumeration": {"watched": 10, "identities": identities},
}}}

test_quiet_account_passes if {
	control.status == "PASS" with input as res({})
	control.reason == "no identity called 20% or more of the watched discovery calls in eu-west-1 in the last 24 hours" with input as res({})
}

test_one_call_passes if control.status == "PASS" with input as res({"arn:aws:iam::111122223333:role/app": ["A"]})

test_sweep_fails if {
	inp := res({"arn:aws:iam::111122223333:user/mallory": ["A", "B", "C"], "arn:aws:iam::111122223333:role/app": ["A"]})
	control.status == "FAIL" with input as inp
	control.reason == "possible account enumeration in eu-west-1: arn:aws:iam::111122223333:user/mallory (3 of 10) of the watched discovery calls in the last 24 hours" with input as inp
}

test_threshold_is_inclusive if control.status == "FAIL" with input as res({"u": ["A", "B"]})

test_unreadable_decides_nothing if not control.status with input as {"resource": {"name": "1", "region": "eu-west-1", "attributes": {"enumeration": null}}}
