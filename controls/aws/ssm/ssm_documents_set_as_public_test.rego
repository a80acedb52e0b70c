package parapet.aws.ssm.ssm_documents_set_as_public_test

import rego.v1

import data.parapet.aws.ssm.ssm_documents_set_as_public as control

doc(shared) := {"resource": {"name": "deploy", "attributes": {"shared_with": shared}}}

test_private_or_named_accounts_pass if {
	control.status == "PASS" with input as doc([])
	control.status == "PASS" with input as doc(["111122223333"])
	control.reason == "document deploy is not shared publicly" with input as doc([])
}

test_all_fails if {
	control.status == "FAIL" with input as doc(["all"])
	control.status == "FAIL" with input as doc(["All"])
	control.reason == "document deploy is shared with every AWS account" with input as doc(["all"])
}
