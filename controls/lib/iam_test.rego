package parapet.lib.iam_test

import rego.v1

import data.parapet.lib.iam

admin := {"Effect": "Allow", "Action": "*", "Resource": "*"}

test_statements_of_single_object if iam.statements({"Statement": admin}) == [admin]

test_statements_of_list if iam.statements({"Statement": [admin, admin]}) == [admin, admin]

test_statements_of_missing_or_null_document if {
	iam.statements({"Version": "2012-10-17"}) == []
	iam.statements(null) == []
	iam.statements({"Statement": null}) == []
}

test_star_on_star_is_admin if iam.is_admin_statement(admin)

test_star_colon_star_is_admin if iam.is_admin_statement({"Effect": "Allow", "Action": "*:*", "Resource": "*"})

test_action_and_resource_lists if {
	iam.is_admin_statement({"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": ["arn:aws:s3:::b", "*"]})
}

test_service_wildcard_is_not_admin if not iam.is_admin_statement({"Effect": "Allow", "Action": "iam:*", "Resource": "*"})

test_specific_resource_is_not_admin if {
	not iam.is_admin_statement({"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*"})
}

test_deny_is_not_admin if not iam.is_admin_statement({"Effect": "Deny", "Action": "*", "Resource": "*"})

test_not_action_allow_on_star_is_admin if {
	iam.is_admin_statement({"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"})
}

test_not_action_star_grants_nothing if not iam.is_admin_statement({"Effect": "Allow", "NotAction": "*", "Resource": "*"})

test_not_action_on_specific_resource_is_not_admin if {
	not iam.is_admin_statement({"Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:s3:::b"})
}

test_not_resource_with_all_actions_is_admin if {
	iam.is_admin_statement({"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::audit-logs/*"})
}

test_condition_does_not_excuse if {
	st := object.union(admin, {"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})
	iam.is_admin_statement(st)
}

test_document_with_one_admin_statement if {
	doc := {"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		admin,
	]}
	iam.is_admin_document(doc)
	count(iam.admin_statements(doc)) == 1
}

test_document_with_single_statement_object if iam.is_admin_document({"Statement": admin})

test_allow_star_with_deny_is_still_admin if {
	iam.is_admin_document({"Statement": [admin, {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]})
}

test_read_only_document_is_not_admin if {
	not iam.is_admin_document({"Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}]})
}

test_null_document_is_not_admin if not iam.is_admin_document(null)

test_aws_managed_arn if {
	iam.is_aws_managed_policy_arn("arn:aws:iam::aws:policy/AdministratorAccess")
	iam.is_aws_managed_policy_arn("arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess")
	not iam.is_aws_managed_policy_arn("arn:aws:iam::123456789012:policy/Admin")
}

test_access_keys_of_a_row if {
	row := {
		"access_key_1_active": true, "access_key_1_last_used_date": null,
		"access_key_1_last_rotated": "2026-01-01T00:00:00Z",
		"access_key_2_active": false, "access_key_2_last_used_date": null,
		"access_key_2_last_rotated": null,
	}
	keys := iam.access_keys(row)
	count(keys) == 2
	keys[0] == {"number": 1, "active": true, "last_used": null, "last_rotated": "2026-01-01T00:00:00Z"}
	keys[1].active == false
	iam.active_access_keys(row) == [keys[0]]
}

test_access_keys_of_a_sparse_row if {
	keys := iam.active_access_keys({"access_key_2_active": true})
	count(keys) == 1
	keys[0].number == 2
	keys[0].last_rotated == null
}

test_access_keys_of_null_row_undefined if not iam.access_keys(null)

test_active_access_keys_of_null_row_undefined if not iam.active_access_keys(null)
