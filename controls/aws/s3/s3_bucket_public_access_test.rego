package parapet.aws.s3.s3_bucket_public_access_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_public_access as control

bucket(statements, bucket_block, account_block) := {"resource": {"name": "b", "account_id": "111122223333", "attributes": {
	"policy": {"Version": "2012-10-17", "Statement": statements},
	"public_access_block": bucket_block, "account_public_access_block": account_block,
}}}

public_read := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}

off := {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}

on := {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}

test_public_policy_without_blocks_fails if {
	inp := bucket([public_read], null, null)
	control.status == "FAIL" with input as inp
	control.reason == "bucket b is public: 1 bucket policy statements allow anyone and RestrictPublicBuckets is off" with input as inp
}

test_not_principal_allow_fails if {
	st := {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}
	control.status == "FAIL" with input as bucket([st], off, off)
}

test_account_block_neutralises_public_policy if {
	inp := bucket([public_read], off, on)
	control.status == "PASS" with input as inp
	control.reason == "bucket b is not public (a public bucket policy is neutralised by the account's Block Public Access)" with input as inp
}

test_block_public_policy_alone_does_not_neutralise if {
	only_new := object.union(off, {"BlockPublicPolicy": true})
	control.status == "FAIL" with input as bucket([public_read], only_new, only_new)
}

test_org_conditioned_policy_passes if {
	st := object.union(public_read, {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}})
	control.status == "PASS" with input as bucket([st], null, null)
}

test_vpce_if_exists_condition_is_still_public if {
	st := object.union(public_read, {"Condition": {"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}})
	control.status == "FAIL" with input as bucket([st], null, null)
}

test_named_account_and_service_principals_pass if {
	sts := [
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
		{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"},
		{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
	]
	control.status == "PASS" with input as bucket(sts, null, null)
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "b", "attributes": {"policy": null, "public_access_block": null, "account_public_access_block": null}}}

all_users_read := {"Grantee": {"URI": "http://acs.amazonaws.com/groups/global/AllUsers", "ID": null}, "Permission": "READ"}

acl_bucket(grants, ownership, bucket_block) := {"resource": {"name": "b", "attributes": {
	"policy": null, "acl_grants": grants, "ownership_controls": ownership,
	"public_access_block": bucket_block, "account_public_access_block": null,
}}}

test_public_acl_fails if {
	inp := acl_bucket([all_users_read], "ObjectWriter", null)
	control.status == "FAIL" with input as inp
	control.reason == "bucket b is public: the ACL grants READ to everyone" with input as inp
}

test_public_acl_with_acls_disabled_passes if {
	inp := acl_bucket([all_users_read], "BucketOwnerEnforced", null)
	control.status == "PASS" with input as inp
	control.reason == "bucket b is not public (public ACL grants are ignored)" with input as inp
}

test_public_acl_ignored_by_block_passes if control.status == "PASS" with input as acl_bucket([all_users_read], null, {"IgnorePublicAcls": true})

test_owner_only_acl_passes if {
	inp := acl_bucket([{"Grantee": {"URI": null, "ID": "owner"}, "Permission": "FULL_CONTROL"}], null, null)
	control.status == "PASS" with input as inp
	control.reason == "bucket b is not public" with input as inp
}

# S3's "meaning of public": a wildcard VPC or source ARN pins nothing.
test_wildcard_vpc_condition_is_still_public if {
	st := object.union(public_read, {"Condition": {"StringLike": {"aws:SourceVpc": "vpc-*"}}})
	control.status == "FAIL" with input as bucket([st], null, null)
}

test_wildcard_source_arn_is_still_public if {
	st := object.union(public_read, {"Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::*"}}})
	control.status == "FAIL" with input as bucket([st], null, null)
}

test_for_all_values_org_condition_is_still_public if {
	st := object.union(public_read, {"Condition": {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": ["o-a1b2c3d4e5"]}}})
	control.status == "FAIL" with input as bucket([st], null, null)
}

test_fixed_vpc_endpoint_passes if {
	st := object.union(public_read, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}})
	control.status == "PASS" with input as bucket([st], null, null)
}

test_user_id_condition_is_still_public if {
	st := object.union(public_read, {"Condition": {"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}}})
	control.status == "FAIL" with input as bucket([st], null, null)
}
