package parapet.lib.access_test

import rego.v1

import data.parapet.lib.access

read_bucket := {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::jewel", "arn:aws:s3:::jewel/*"]}

test_identity_grant_names_capabilities_and_resources if {
	[g] := access.identity_grants({"Statement": [read_bucket]})
	g.capabilities == {"s3:read": ["s3:GetObject"]}
	g.patterns == ["arn:aws:s3:::jewel", "arn:aws:s3:::jewel/*"]
	regex.match(g.resources[1], "arn:aws:s3:::jewel/key")
	not g.every_resource
	not g.conditional
}

test_wildcards_match_as_iam_reads_them if {
	[g] := access.identity_grants({"Statement": {"Effect": "Allow", "Action": "S3:Get*", "Resource": "*"}})
	g.capabilities == {"s3:read": ["s3:GetObject"]}
	g.every_resource
}

test_admin_statement_is_admin_and_every_capability if {
	[g] := access.identity_grants({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
	g.capabilities.admin == ["*"]
	g.capabilities["sts:assume"] == ["sts:AssumeRole"]
}

test_unconditional_deny_takes_the_action_away if {
	doc := {"Statement": [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"},
	]}
	[g] := access.identity_grants(doc)
	not g.capabilities["s3:read"]
	g.capabilities["s3:write"]
}

test_conditional_deny_is_not_subtracted if {
	doc := {"Statement": [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
	]}
	[g] := access.identity_grants(doc)
	g.capabilities["s3:read"]
}

test_deny_of_everything_cancels_admin if {
	doc := {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Action": "*", "Resource": "*"}]}
	access.identity_grants(doc) == []
}

test_conditional_statement_is_marked if {
	st := object.union(read_bucket, {"Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}})
	[g] := access.identity_grants({"Statement": [st]})
	g.conditional
}

trust(principal) := {"Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]}

test_trust_naming_a_role if {
	[g] := access.principal_grants(trust({"AWS": "arn:aws:iam::111111111111:role/a"}))
	g.principals == ["arn:aws:iam::111111111111:role/a"]
	not g.public
	g.capabilities == {"sts:assume": ["sts:AssumeRole"]}
}

test_trust_open_to_everyone_is_public if {
	[g] := access.principal_grants(trust("*"))
	g.public
}

test_trust_open_but_pinned_to_an_account_is_not_public if {
	doc := {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalAccount": "111111111111"}}}]}
	[g] := access.principal_grants(doc)
	not g.public
	g.accounts == ["111111111111"]
}

public_read := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}

test_public_bucket_policy_reads if {
	access.bucket_public_capabilities({"policy": {"Statement": [public_read]}}) == {"s3:read"}
}

test_restrict_public_buckets_at_account_level_closes_it if {
	attrs := {"policy": {"Statement": [public_read]}, "account_public_access_block": {"RestrictPublicBuckets": true}}
	access.bucket_public_capabilities(attrs) == set()
}

test_public_acl_unless_ignored if {
	grant := {"Grantee": {"URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "WRITE"}
	access.bucket_public_acl({"acl_grants": [grant]}) == ["WRITE"]
	access.bucket_public_acl({"acl_grants": [grant], "ownership_controls": "BucketOwnerEnforced"}) == []
}

test_batch_answers_each_list_in_order if {
	result := access.batch with input as {"identity": [{"Statement": [read_bucket]}, {}], "principal": [trust("*")], "buckets": [{"policy": null}]}
	count(result.identity) == 2
	result.identity[1] == []
	result.principal[0][0].public
	result.buckets == [{"policy": [], "acl": []}]
}
