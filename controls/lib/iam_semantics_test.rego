# Policy semantics table: what "public", "cross-account" and "admin" mean to parapet
# (docs/accuracy.md). Documents follow AWS's own examples (S3 User Guide bucket policy
# examples, IAM User Guide condition examples, the S3 meaning of "public" that Block
# Public Access and IAM Access Analyzer apply); each rule has a restricting and a
# non-restricting case.
package parapet.lib.iam_semantics_test

import rego.v1

import data.parapet.lib.iam

# An S3 "grant read-only permission to an anonymous user" statement with a condition.
anon(principal, condition) := {
	"Sid": "PublicRead", "Effect": "Allow", "Principal": principal,
	"Action": ["s3:GetObject", "s3:GetObjectVersion"],
	"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
	"Condition": condition,
}

open_to(condition) := anon("*", condition)

is_public(condition) if iam.public_statement(open_to(condition))

# --- Principals ---

test_anonymous_principal_forms_are_public if {
	iam.public_statement(anon("*", {}))
	iam.public_statement(anon({"AWS": "*"}, {}))
	iam.public_statement(anon({"AWS": ["*"]}, {}))
	iam.public_statement(anon({"aws": "*"}, {}))
}

test_wildcard_account_root_is_public if iam.public_statement(anon({"AWS": "arn:aws:iam::*:root"}, {}))

test_named_account_is_not_public if not iam.public_statement(anon({"AWS": "arn:aws:iam::111122223333:root"}, {}))

test_allow_not_principal_is_anyone_except if {
	st := {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/Bob"}, "Action": "s3:*", "Resource": "*"}
	iam.public_statement(st)
	not iam.public_statement(object.union(st, {"Effect": "Deny"}))
}

# --- Identifying keys with fixed values restrict; wildcards do not ---

test_source_ip_set_restricts if {
	not is_public({"IpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]}})
	not is_public({"IpAddress": {"aws:SourceIp": "203.0.113.5"}})
	not is_public({"IpAddress": {"aws:SourceIp": ["2001:db8::/32"]}})
}

test_source_ip_covering_an_address_space_does_not_restrict if {
	is_public({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})
	is_public({"IpAddress": {"aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"]}})
	is_public({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/2"]}})
	is_public({"IpAddress": {"aws:SourceIp": ["192.0.2.0/24", "::/0"]}})
	is_public({"IpAddress": {"aws:SourceIp": "not-an-address"}})
}

test_negated_ip_does_not_restrict if is_public({"NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"}})

test_organization_restricts_only_when_fixed if {
	not is_public({"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})
	is_public({"StringLike": {"aws:PrincipalOrgID": "o-*"}})
	not is_public({"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}})
	is_public({"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-*/r-ab12/*"}})
}

test_vpc_and_endpoint_restrict_only_when_fixed if {
	not is_public({"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})
	not is_public({"StringEquals": {"aws:SourceVpc": "vpc-111bbb22"}})
	is_public({"StringLike": {"aws:SourceVpc": "vpc-*"}})
	is_public({"StringLike": {"aws:SourceVpce": "*"}})
}

test_source_arn_restricts_when_account_or_resource_is_fixed if {
	not is_public({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-source-bucket"}})
	not is_public({"ArnLike": {"aws:SourceArn": "arn:aws:cloudwatch:us-east-1:111122223333:alarm:*"}})
	not is_public({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app"}})
	is_public({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}})
	is_public({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::demo-*"}})
	not is_public({"ArnLike": {"aws:SourceArn": "arn:aws:route53:::hostedzone/Z1"}})
	is_public({"ArnLike": {"aws:SourceArn": "arn:aws:route53:::hostedzone/*"}})
	is_public({"ArnLike": {"AWS:SourceArn": "arn:aws:sns:*:*:alerts"}})
	is_public({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/app"}})
	is_public({"ArnLike": {"aws:SourceArn": "*"}})
}

test_source_account_restricts_only_when_fixed if {
	not is_public({"StringEquals": {"aws:SourceAccount": "111122223333"}})
	not is_public({"StringEquals": {"aws:SourceAccount": 111122223333}})
	not is_public({"StringEquals": {"aws:PrincipalAccount": ["111122223333"]}})
	not is_public({"StringEquals": {"aws:SourceOwner": "111122223333"}})
	is_public({"StringLike": {"aws:SourceAccount": "1111*"}})
	is_public({"StringEquals": {"aws:SourceAccount": "${aws:PrincipalAccount}"}})
	is_public({"StringEquals": {"aws:SourceAccount": []}})
}

# Signed requests from any AWS account still pass AWS_IAM (docs/accuracy.md).
test_function_url_auth_type_does_not_restrict_an_open_principal if {
	is_public({"StringEquals": {"lambda:FunctionUrlAuthType": "AWS_IAM"}})
	is_public({"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}})
}

# --- Names are case-insensitive, values may be one-element lists ---

test_operator_and_key_names_ignore_case if {
	not is_public({"stringequals": {"AWS:SOURCEACCOUNT": "111122223333"}})
	not is_public({"StringEquals": {"aws:sourcevpce": ["vpce-1a2b3c4d"]}})
}

# --- Operators that do not narrow ---

test_if_exists_does_not_restrict if {
	is_public({"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}})
	is_public({"IpAddressIfExists": {"aws:SourceIp": "192.0.2.0/24"}})
}

test_negated_and_null_operators_do_not_restrict if {
	is_public({"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})
	is_public({"Null": {"aws:SourceVpce": "false"}})
}

test_for_all_values_needs_a_null_guard if {
	is_public({"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})
	not is_public({
		"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"},
		"Null": {"aws:PrincipalOrgID": "false"},
	})
}

# --- Keys any caller can satisfy ---

test_keys_any_account_satisfies_do_not_restrict if {
	is_public({"StringEquals": {"aws:username": "alice"}})
	is_public({"StringLike": {"aws:userid": "AIDAEXAMPLE"}})
	is_public({"Bool": {"aws:SecureTransport": "true"}})
	is_public({"DateGreaterThan": {"aws:CurrentTime": "2020-04-01T00:00:00Z"}})
	is_public({"Bool": {"aws:MultiFactorAuthPresent": "true"}})
}

test_one_restricting_clause_among_others_restricts if {
	not is_public({
		"Bool": {"aws:SecureTransport": "true"},
		"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d", "aws:username": "alice"},
	})
}

# --- Resources ---

test_all_resource_forms if {
	every p in ["*", "*:*", "arn:*", "arn:aws:*", "arn:aws:*:*:*:*", "arn:aws-us-gov:*:*:*:*", "arn:*:*:*:*:*"] {
		iam.all_resource_pattern(p)
	}
	every p in ["arn:aws:s3:::*", "arn:aws:iam::*:*", "arn:aws:*:*:111122223333:*", "s3:*"] {
		not iam.all_resource_pattern(p)
	}
}

test_bucket_arn_does_not_cover_objects if {
	st := {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b"}
	iam.statement_covers_resource(st, "arn:aws:s3:::b")
	not iam.statement_covers_resource(st, "arn:aws:s3:::b/report.csv")
}

# --- Cross-account ---

test_public_principal_is_cross_account if {
	doc := {"Statement": [
		{"Effect": "Allow", "Principal": {"AWS": ["*", "arn:aws:iam::111122223333:root"]}, "Action": "s3:GetObject", "Resource": "*"},
	]}
	iam.foreign_accounts(doc, "111122223333") == {"*"}
}

pinned(account) := {"Statement": open_to({"StringEquals": {"aws:PrincipalAccount": account}})}

test_open_principal_pinned_to_accounts if {
	iam.foreign_accounts(pinned("111122223333"), "111122223333") == set()
	iam.foreign_accounts(pinned("444455556666"), "111122223333") == {"444455556666"}
}

test_open_principal_pinned_to_the_organization_is_not_counted if {
	doc := {"Statement": open_to({"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})}
	iam.foreign_accounts(doc, "111122223333") == set()
}

# --- Admin and full service access: an unconditional Deny wins ---

test_admin_resource_forms if {
	iam.is_admin_document({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:*:*:*:*"}})
	iam.is_admin_document({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:*"}})
	not iam.is_admin_document({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::*"}})
}

test_deny_of_everything_cancels_admin if {
	allow := {"Effect": "Allow", "Action": "*", "Resource": "*"}
	not iam.is_admin_document({"Statement": [allow, {"Effect": "Deny", "Action": "*", "Resource": "*"}]})
	iam.is_admin_document({"Statement": [allow, {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]})
	iam.is_admin_document({"Statement": [allow, {
		"Effect": "Deny", "Action": "*", "Resource": "*",
		"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}},
	}]})
}

test_deny_of_the_service_cancels_full_service_access if {
	allow := {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}
	count(iam.service_wildcard_statements({"Statement": [allow, {"Effect": "Deny", "Action": "kms:*", "Resource": "*"}]}, "kms")) == 0
	count(iam.service_wildcard_statements({"Statement": [allow, {"Effect": "Deny", "Action": "KMS:*", "Resource": "arn:aws:*:*:*:*"}]}, "kms")) == 0
	count(iam.service_wildcard_statements({"Statement": [allow, {"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]}, "kms")) == 0
	count(iam.service_wildcard_statements({"Statement": [allow, {"Effect": "Deny", "Action": "kms:ScheduleKeyDeletion", "Resource": "*"}]}, "kms")) == 1
	count(iam.service_wildcard_statements({"Statement": [allow, {"Effect": "Deny", "NotAction": "kms:Decrypt", "Resource": "*"}]}, "kms")) == 1
	count(iam.service_wildcard_statements({"Statement": [allow, {"Effect": "Deny", "Action": "kms:*", "Resource": "arn:aws:kms:us-east-1:111122223333:key/k"}]}, "kms")) == 1
}

# --- Deny unless pinned: an open Allow fenced by a Deny to everyone else ---
# The S3 User Guide's "restrict access to a specific VPC endpoint" bucket policy (Deny
# s3:* on the bucket and its objects unless aws:SourceVpce is the endpoint) beside a
# public read grant: only callers through that endpoint can read.

vpce_fence(condition) := {
	"Sid": "Access-to-specific-VPCE-only", "Effect": "Deny", "Principal": "*",
	"Action": "s3:*",
	"Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
	"Condition": condition,
}

fenced_doc(fence) := {"Statement": [open_to({}), fence]}

test_deny_unless_vpc_endpoint_fences_the_open_allow if {
	count(iam.public_statements(fenced_doc(vpce_fence({"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})))) == 0
	count(iam.public_statements(fenced_doc(vpce_fence({"StringNotEqualsIfExists": {"aws:sourcevpce": ["vpce-1a2b3c4d"]}})))) == 0
	count(iam.public_statements(fenced_doc(vpce_fence({"NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"}})))) == 0
	count(iam.public_statements(fenced_doc(vpce_fence({"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})))) == 0
	# The API Gateway private API policy: Allow everyone, Deny unless the endpoint.
	api := {"Statement": [
		{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
		{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
		 "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d5e6f"}}},
	]}
	count(iam.public_statements(api)) == 0
}

test_a_deny_that_leaves_callers_out_does_not_fence if {
	# Denies only plain-HTTP requests: HTTPS from anywhere still reads.
	count(iam.public_statements(fenced_doc(vpce_fence({"Bool": {"aws:SecureTransport": "false"}})))) == 1
	# A wildcard pin: every VPC endpoint of every account is let through.
	count(iam.public_statements(fenced_doc(vpce_fence({"StringNotLike": {"aws:SourceVpce": "vpce-*"}})))) == 1
	# A pin plus another clause: the Deny applies only when both hold.
	both := {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}, "Bool": {"aws:SecureTransport": "false"}}
	count(iam.public_statements(fenced_doc(vpce_fence(both)))) == 1
	# The union of the ranges is the whole IPv4 space.
	count(iam.public_statements(fenced_doc(vpce_fence({"NotIpAddress": {"aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"]}})))) == 1
	# ForAllValues on a key the anonymous caller lacks.
	count(iam.public_statements(fenced_doc(vpce_fence({"ForAllValues:StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})))) == 1
}

test_a_deny_must_cover_the_grant if {
	pin := {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}
	# Only writes are denied: the open read stands.
	count(iam.public_statements(fenced_doc(object.union(vpce_fence(pin), {"Action": "s3:PutObject"})))) == 1
	# Only the bucket, not its objects, is denied.
	count(iam.public_statements(fenced_doc(object.union(vpce_fence(pin), {"Resource": "arn:aws:s3:::amzn-s3-demo-bucket"})))) == 1
	# Denied to one account only.
	count(iam.public_statements(fenced_doc(object.union(vpce_fence(pin), {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})))) == 1
	# Action names are case-insensitive; "*" covers everything.
	count(iam.public_statements(fenced_doc(object.union(vpce_fence(pin), {"Action": "S3:Get*"})))) == 0
	count(iam.public_statements(fenced_doc(object.union(vpce_fence(pin), {"Action": "*", "Resource": "*"})))) == 0
}

test_an_unconditional_deny_to_everyone_fences if {
	count(iam.public_statements(fenced_doc({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}))) == 0
}
