package parapet.aws.cloudtrail.cloudtrail_logs_s3_bucket_is_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.cloudtrail.cloudtrail_logs_s3_bucket_is_not_publicly_accessible as control

trail(exposure) := {"resource": {"name": "main", "attributes": {"bucket_exposure": exposure}}}

private := {
	"bucket": "trail-logs", "policy": {"Statement": [{
		"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
		"Action": "s3:PutObject", "Resource": "arn:aws:s3:::trail-logs/AWSLogs/111122223333/*",
		"Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}},
	}]},
	"public_access_block": null, "ownership_controls": "BucketOwnerEnforced", "acl_grants": [],
	"account_public_access_block": null,
}

public_read := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::trail-logs/*"}

test_private_bucket_passes if {
	control.status == "PASS" with input as trail(private)
	control.reason == "trail main delivers to bucket trail-logs, which is not public" with input as trail(private)
}

test_public_policy_fails if {
	inp := trail(object.union(private, {"policy": {"Statement": [public_read]}}))
	control.status == "FAIL" with input as inp
	control.reason == "trail main delivers to bucket trail-logs, which is public through its bucket policy" with input as inp
}

test_public_acl_fails if {
	grant := {"Grantee": {"URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}
	inp := trail(object.union(private, {"ownership_controls": "ObjectWriter", "acl_grants": [grant]}))
	control.reason == "trail main delivers to bucket trail-logs, which is public through its ACL" with input as inp
}

test_account_block_neutralises_policy if {
	inp := trail(object.union(private, {"policy": {"Statement": [public_read]}, "account_public_access_block": {"RestrictPublicBuckets": true}}))
	control.status == "PASS" with input as inp
}

# A bucket in another account could not be read: no verdict.
test_unreadable_bucket_decides_nothing if not control.status with input as trail(null)

# A source ARN that names no account lets every account's trails (and anyone) in.
test_wildcard_trail_source_arn_is_public if {
	st := object.union(public_read, {"Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/*"}}})
	control.status == "FAIL" with input as trail(object.union(private, {"policy": {"Statement": [st]}}))
}

test_own_trail_source_arn_is_not_public if {
	st := object.union(public_read, {"Condition": {"StringEquals": {"aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"}}})
	control.status == "PASS" with input as trail(object.union(private, {"policy": {"Statement": [st]}}))
}
