package parapet.aws.cloudtrail.cloudtrail_threat_detection_llm_jacking_test

import rego.v1

import data.parapet.aws.cloudtrail.cloudtrail_threat_detection_llm_jacking as control

res(identities) := {"resource": {"name": "111122223333", "region": "eu-west-1", "attributes": {
	"window_hours": 24,
	"llm_jacking": {"watched": 10, "identities": identities},
}}}

test_quiet_account_passes if {
	control.status == "PASS" with input as res({})
	control.reason == "no identity called 20% or more of the watched Amazon Bedrock model access and invocation calls in eu-west-1 in the last 24 hours" with input as res({})
}

test_one_call_passes if control.status == "PASS" with input as res({"arn:aws:iam::111122223333:role/app": ["A"]})

test_sweep_fails if {
	inp := res({"arn:aws:iam::111122223333:user/mallory": ["A", "B", "C"], "arn:aws:iam::111122223333:role/app": ["A"]})
	control.status == "FAIL" with input as inp
	control.reason == "possible LLM jacking in eu-west-1: arn:aws:iam::111122223333:user/mallory (3 of 10) of the watched Amazon Bedrock model access and invocation calls in the last 24 hours" with input as inp
}

test_threshold_is_inclusive if control.status == "FAIL" with input as res({"u": ["A", "B"]})

test_unreadable_decides_nothing if not control.status with input as {"resource": {"name": "1", "region": "eu-west-1", "attributes": {"llm_jacking": null}}}
