package parapet.aws.eventbridge.eventbridge_schema_registry_cross_account_access_test

import rego.v1

import data.parapet.aws.eventbridge.eventbridge_schema_registry_cross_account_access as control

registry(policy) := {"resource": {"name": "shared", "account_id": "111122223333", "attributes": {"policy": policy}}}

stmt(principal) := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "schemas:*", "Resource": "*"}]}

test_no_policy_or_own_account_passes if {
	control.status == "PASS" with input as registry(null)
	control.status == "PASS" with input as registry(stmt({"AWS": "arn:aws:iam::111122223333:root"}))
}

test_other_account_fails if {
	inp := registry(stmt({"AWS": "arn:aws:iam::444455556666:root"}))
	control.status == "FAIL" with input as inp
	control.reason == "schema registry shared is shared with accounts 444455556666" with input as inp
}

test_everyone_fails if {
	control.status == "FAIL" with input as registry(stmt("*"))
	control.reason == "schema registry shared is open to every account" with input as registry(stmt("*"))
}

test_lower_case_principal_key_and_list_star_fail if {
	control.status == "FAIL" with input as registry(stmt({"aws": ["*"]}))
	control.reason == "schema registry shared is open to every account" with input as registry(stmt({"aws": ["*"]}))
}

test_star_pinned_to_another_account_fails if {
	doc := {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "schemas:*", "Resource": "*",
		"Condition": {"StringEquals": {"aws:PrincipalAccount": "444455556666"}}}]}
	control.status == "FAIL" with input as registry(doc)
	control.reason == "schema registry shared is shared with accounts 444455556666" with input as registry(doc)
}

test_star_pinned_to_own_account_passes if {
	doc := {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "schemas:*", "Resource": "*",
		"Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}}]}
	control.status == "PASS" with input as registry(doc)
}
