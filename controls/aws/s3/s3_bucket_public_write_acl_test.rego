package parapet.aws.s3.s3_bucket_public_write_acl_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_public_write_acl as control

bucket(grants, ownership, account_block) := {"resource": {"name": "b", "attributes": {
	"acl_grants": grants, "ownership_controls": ownership,
	"public_access_block": null, "account_public_access_block": account_block,
}}}

grant(group, permission) := {"Grantee": {"URI": sprintf("http://acs.amazonaws.com/groups/global/%s", [group]), "ID": null}, "Permission": permission}

test_all_users_write_fails if {
	inp := bucket([grant("AllUsers", "WRITE")], "ObjectWriter", null)
	control.status == "FAIL" with input as inp
	control.reason == "bucket b ACL grants WRITE to everyone" with input as inp
}

test_authenticated_users_full_control_fails if control.status == "FAIL" with input as bucket([grant("AuthenticatedUsers", "FULL_CONTROL")], null, null)

test_public_read_only_passes if control.status == "PASS" with input as bucket([grant("AllUsers", "READ")], null, null)

test_log_delivery_write_passes if {
	g := {"Grantee": {"URI": "http://acs.amazonaws.com/groups/s3/LogDelivery", "ID": null}, "Permission": "WRITE"}
	control.status == "PASS" with input as bucket([g], null, null)
}

test_ignored_by_account_block_passes if {
	inp := bucket([grant("AllUsers", "WRITE_ACP")], null, {"IgnorePublicAcls": true})
	control.status == "PASS" with input as inp
	control.reason == "bucket b has an ACL granting WRITE_ACP to everyone, but ACLs are disabled or public ACLs ignored" with input as inp
}
