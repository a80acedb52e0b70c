package parapet.lib.s3_test

import rego.v1

import data.parapet.lib.s3

public_read := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}

public_put := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["s3:Put*"], "Resource": "arn:aws:s3:::b/*"}

test_restricted_at_bucket_level if {
	s3.public_policy_restricted({"public_access_block": {"RestrictPublicBuckets": true}})
	s3.restriction_source({"public_access_block": {"RestrictPublicBuckets": true}}) == "the bucket's Block Public Access"
}

test_restricted_at_account_level if {
	attrs := {"public_access_block": {"RestrictPublicBuckets": false}, "account_public_access_block": {"RestrictPublicBuckets": true}}
	s3.public_policy_restricted(attrs)
	s3.restriction_source(attrs) == "the account's Block Public Access"
}

test_block_public_policy_alone_does_not_restrict if {
	not s3.public_policy_restricted({"public_access_block": {"BlockPublicPolicy": true, "RestrictPublicBuckets": false}, "account_public_access_block": null})
}

test_public_statements_of_missing_policy if s3.public_statements({"policy": null}) == []

test_public_write_found_through_wildcards if {
	attrs := {"policy": {"Statement": [public_read, public_put]}}
	count(s3.public_statements(attrs)) == 2
	s3.public_write_statements(attrs) == [public_put]
	s3.granted_write_actions(public_put) == [
		"s3:PutBucketAcl", "s3:PutBucketCORS", "s3:PutBucketLogging", "s3:PutBucketObjectLockConfiguration",
		"s3:PutBucketOwnershipControls", "s3:PutBucketPolicy", "s3:PutBucketPublicAccessBlock",
		"s3:PutBucketVersioning", "s3:PutBucketWebsite", "s3:PutEncryptionConfiguration",
		"s3:PutLifecycleConfiguration", "s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectLegalHold",
		"s3:PutObjectRetention", "s3:PutObjectVersionAcl", "s3:PutReplicationConfiguration",
	]
}

# Granting anyone the power to lift the bucket's protections is public write even
# without object writes.
test_protection_removing_actions_are_public_write if {
	every action in ["s3:PutBucketPublicAccessBlock", "s3:PutBucketOwnershipControls", "s3:PutObjectVersionAcl", "s3:DeleteBucketPolicy", "S3:putbucketpolicy"] {
		st := {"Effect": "Allow", "Principal": "*", "Action": action, "Resource": "arn:aws:s3:::b"}
		s3.public_write_statements({"policy": {"Statement": [st]}}) == [st]
	}
}

test_restricted_protection_change_is_not_public_write if {
	st := {
		"Effect": "Allow", "Principal": "*", "Action": "s3:PutBucketPublicAccessBlock", "Resource": "arn:aws:s3:::b",
		"Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}},
	}
	s3.public_write_statements({"policy": {"Statement": [st]}}) == []
}

test_read_only_public_policy_has_no_write if s3.public_write_statements({"policy": {"Statement": public_read}}) == []

all_users := "http://acs.amazonaws.com/groups/global/AllUsers"

test_public_acl_grants_and_writes if {
	attrs := {"acl_grants": [
		{"Grantee": {"URI": all_users}, "Permission": "READ"},
		{"Grantee": {"URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}, "Permission": "WRITE_ACP"},
		{"Grantee": {"URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"}, "Permission": "WRITE"},
		{"Grantee": {"ID": "owner-canonical-id"}, "Permission": "FULL_CONTROL"},
	]}
	count(s3.public_acl_grants(attrs)) == 2
	count(s3.public_write_acl_grants(attrs)) == 1
}

test_acls_ignored if {
	s3.acls_ignored({"ownership_controls": "BucketOwnerEnforced"})
	s3.acls_ignored({"account_public_access_block": {"IgnorePublicAcls": true}})
	not s3.acls_ignored({"ownership_controls": "ObjectWriter", "public_access_block": {"IgnorePublicAcls": false}})
}
