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

# --- action matching ---

test_action_patterns_are_case_insensitive_globs if {
	iam.action_matches("s3:Put*", "s3:putobject")
	iam.action_matches("IAM:CreateAccessKey", "iam:createaccesskey")
	iam.action_matches("iam:?reateAccessKey", "iam:CreateAccessKey")
	not iam.action_matches("s3:Get*", "s3:PutObject")
	# A dot in a pattern is literal, not "any character".
	not iam.action_matches("s3.Get", "s3xGet")
}

# Regex metacharacters in a pattern are literal: `|` is no alternation, `(` no group.
test_action_patterns_treat_regex_metacharacters_literally if {
	not iam.action_matches("iam:nothing|*", "iam:PassRole")
	iam.action_matches("iam:a|b", "iam:A|B")
	iam.action_matches("s3:(Get)*", "s3:(get)Object")
	not iam.action_matches("s3:[GP]ut*", "s3:PutObject")
	iam.action_matches("x:a+b^c$d\\e{1}", "x:A+B^C$D\\E{1}")
}

test_not_action_with_metacharacters_excludes_only_itself if {
	st := {"Effect": "Allow", "NotAction": ["iam:nothing|*"], "Resource": "*"}
	iam.statement_covers_action(st, "iam:PassRole")
}

test_not_action_covers_what_it_leaves_out if {
	st := {"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}
	iam.statement_covers_action(st, "kms:Decrypt")
	not iam.statement_covers_action(st, "iam:PassRole")
}

test_unconditional_deny_removes_a_grant if {
	doc := {"Statement": [
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "*"},
	]}
	not iam.allows_action(doc, "iam:CreateAccessKey")
	iam.allows_action(doc, "iam:PassRole")
}

test_conditional_deny_does_not_remove_a_grant if {
	doc := {"Statement": [
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
	]}
	iam.allows_action(doc, "iam:CreateAccessKey")
}

# --- full service access ---

test_service_wildcard_on_star if count(iam.service_wildcard_statements({"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}}, "kms")) == 1

test_star_action_is_full_service_access if iam.grants_service_wildcard({"Effect": "Allow", "Action": "*", "Resource": "*"}, "cloudtrail")

test_partial_service_actions_are_not_full_access if {
	not iam.grants_service_wildcard({"Effect": "Allow", "Action": ["kms:Get*", "kms:Decrypt"], "Resource": "*"}, "kms")
}

test_service_wildcard_on_one_key_is_not_full_access if {
	not iam.grants_service_wildcard({"Effect": "Allow", "Action": "kms:*", "Resource": "arn:aws:kms:us-east-1:111122223333:key/abc"}, "kms")
}

test_not_action_excluding_the_service_is_not_full_access if {
	not iam.grants_service_wildcard({"Effect": "Allow", "NotAction": "kms:*", "Resource": "*"}, "kms")
	iam.grants_service_wildcard({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}, "kms")
}

# --- resource policy principals ---

test_public_principals if {
	iam.public_principal("*")
	iam.public_principal({"AWS": "*"})
	iam.public_principal({"AWS": ["arn:aws:iam::111122223333:root", "*"]})
	not iam.public_principal({"AWS": "arn:aws:iam::111122223333:root"})
	not iam.public_principal({"Service": "cloudtrail.amazonaws.com"})
}

test_public_statement_without_condition if iam.public_statement({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"})

test_org_condition_makes_it_private if {
	not iam.public_statement({
		"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}},
	})
}

test_if_exists_and_negated_conditions_do_not_restrict if {
	iam.public_statement({
		"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
		"Condition": {"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}},
	})
	iam.public_statement({
		"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
		"Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}},
	})
}

test_wildcard_condition_value_does_not_restrict if {
	iam.public_statement({
		"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject",
		"Condition": {"StringLike": {"aws:PrincipalArn": "*"}},
	})
	iam.public_statement({
		"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
		"Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}},
	})
}

test_source_ip_range_restricts if {
	not iam.public_statement({
		"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
		"Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}},
	})
}

test_allow_with_not_principal_is_public if {
	iam.public_statement({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:*"})
}

test_deny_with_not_principal_is_not_public if {
	not iam.public_statement({"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:*"})
}

test_foreign_accounts_from_ids_and_arns if {
	doc := {"Statement": [
		{"Effect": "Allow", "Principal": {"AWS": ["444455556666", "arn:aws:iam::111122223333:role/r"]}, "Action": "s3:GetObject"},
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::777788889999:root"}, "Action": "s3:GetObject"},
		{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::000011112222:root"}, "Action": "s3:*"},
		{"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject"},
	]}
	iam.foreign_accounts(doc, "111122223333") == {"444455556666", "777788889999"}
}

test_marketplace_wildcards if {
	doc := {"Statement": [
		{"Effect": "Allow", "Action": "aws-marketplace:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "aws-marketplace:Subscribe", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws-marketplace:ProductId": ["prod-1"]}}},
		{"Effect": "Allow", "Action": "aws-marketplace:View*", "Resource": "*"},
	]}
	count(iam.wildcard_marketplace_subscribe_statements(doc)) == 1
}

# An unconditional Deny of Subscribe wins over any Allow (IAM policy evaluation logic).
test_marketplace_subscribe_denied_outright if {
	doc := {"Statement": [
		{"Effect": "Allow", "Action": "aws-marketplace:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "aws-marketplace:Subscribe", "Resource": "*"},
	]}
	count(iam.wildcard_marketplace_subscribe_statements(doc)) == 0
}

# A conditional Deny is not subtracted: whether it applies depends on the request.
test_marketplace_conditional_deny_is_not_subtracted if {
	doc := {"Statement": [
		{"Effect": "Allow", "Action": "aws-marketplace:Subscribe", "Resource": "*"},
		{"Effect": "Deny", "Action": "aws-marketplace:Subscribe", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
	]}
	count(iam.wildcard_marketplace_subscribe_statements(doc)) == 1
}

# Only a fixed product list narrows Subscribe: other keys, IfExists and wildcards do not.
marketplace_allow(condition) := {"Statement": [{"Effect": "Allow", "Action": "aws-marketplace:Subscribe", "Resource": "*", "Condition": condition}]}

test_marketplace_conditions_by_meaning if {
	count(iam.wildcard_marketplace_subscribe_statements(marketplace_allow({"ForAllValues:StringEquals": {"aws-marketplace:ProductId": ["prod-1", "prod-2"]}}))) == 0
	count(iam.wildcard_marketplace_subscribe_statements(marketplace_allow({"StringEquals": {"AWS-Marketplace:ProductId": "prod-1"}}))) == 0
	count(iam.wildcard_marketplace_subscribe_statements(marketplace_allow({"Bool": {"aws:SecureTransport": "true"}}))) == 1
	count(iam.wildcard_marketplace_subscribe_statements(marketplace_allow({"ForAllValues:StringEqualsIfExists": {"aws-marketplace:ProductId": ["prod-1"]}}))) == 1
	count(iam.wildcard_marketplace_subscribe_statements(marketplace_allow({"ForAllValues:StringLike": {"aws-marketplace:ProductId": ["prod-*"]}}))) == 1
	count(iam.wildcard_marketplace_subscribe_statements(marketplace_allow({"StringNotEquals": {"aws-marketplace:ProductId": "prod-1"}}))) == 1
}

test_resource_patterns_are_case_sensitive_globs if {
	iam.resource_matches("arn:aws:logs:us-east-1:111122223333:log-group:/app/*", "arn:aws:logs:us-east-1:111122223333:log-group:/app/api")
	not iam.resource_matches("arn:aws:logs:us-east-1:111122223333:log-group:/App/*", "arn:aws:logs:us-east-1:111122223333:log-group:/app/api")
	iam.resource_matches("*", "arn:aws:s3:::b")
	# A policy variable is literal text to the pattern, not a broken regex.
	iam.resource_matches("arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/${aws:username}/k")
	not iam.resource_matches("arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/other/k")
	iam.resource_matches("arn:aws:logs:*:*:log-group:/a+(b)", "arn:aws:logs:us-east-1:1:log-group:/a+(b)")
	not iam.resource_matches("arn:aws:logs:*:*:log-group:/a+", "arn:aws:logs:us-east-1:1:log-group:/aa")
}

test_statement_resources if {
	arn := "arn:aws:logs:us-east-1:111122223333:log-group:/app/api"
	iam.statement_covers_resource({"Resource": ["arn:aws:logs:*:*:log-group:/app/*"]}, arn)
	not iam.statement_covers_resource({"Resource": "arn:aws:logs:*:*:log-group:/other/*"}, arn)
	iam.statement_covers_resource({}, arn)
	not iam.statement_covers_resource({"NotResource": "arn:aws:logs:*:*:log-group:/app/*"}, arn)
}
