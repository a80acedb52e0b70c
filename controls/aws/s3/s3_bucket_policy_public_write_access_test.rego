package parapet.aws.s3.s3_bucket_policy_public_write_access_test

import rego.v1

import data.parapet.aws.s3.s3_bucket_policy_public_write_access as control

bucket(statements, account_block) := {"resource": {"name": "b", "attributes": {
	"policy": {"Statement": statements},
	"public_access_block": null, "account_public_access_block": account_block,
}}}

test_public_put_fails if {
	inp := bucket([{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}], null)
	control.status == "FAIL" with input as inp
	control.reason == "bucket b lets anyone s3:PutObject" with input as inp
}

test_public_s3_star_fails if control.status == "FAIL" with input as bucket([{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*"}], null)

test_public_read_only_passes if {
	inp := bucket([{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}], null)
	control.status == "PASS" with input as inp
	control.reason == "bucket b has no bucket policy statement letting everyone write" with input as inp
}

test_write_for_one_account_passes if control.status == "PASS" with input as bucket([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/uploader"}, "Action": "s3:PutObject", "Resource": "*"}], null)

test_source_account_condition_passes if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}
	control.status == "PASS" with input as bucket([st], null)
}

test_account_restriction_neutralises if control.status == "PASS" with input as bucket([{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}], {"RestrictPublicBuckets": true})

# Lifting Block Public Access or re-enabling ACLs is public write even without PutObject.
test_public_block_removal_fails if {
	inp := bucket([{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["s3:PutBucketPublicAccessBlock", "s3:PutBucketOwnershipControls"], "Resource": "arn:aws:s3:::b"}], null)
	control.status == "FAIL" with input as inp
	control.reason == "bucket b lets anyone s3:PutBucketOwnershipControls, s3:PutBucketPublicAccessBlock" with input as inp
}

test_public_version_acl_write_fails if {
	control.status == "FAIL" with input as bucket([{"Effect": "Allow", "Principal": "*", "Action": "S3:PutObjectVersionAcl", "Resource": "arn:aws:s3:::b/*"}], null)
}

test_write_pinned_to_a_vpc_endpoint_passes if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}
	control.status == "PASS" with input as bucket([st], null)
}
