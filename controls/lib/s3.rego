# S3 bucket exposure shared by the public-access controls: which policy statements
# are public, and whether Block Public Access (bucket or account level) neutralises them.
package parapet.lib.s3

import rego.v1

import data.parapet.lib.iam

# RestrictPublicBuckets at either level limits a bucket with a public policy to AWS
# service principals and the owner account's own users, so the policy no longer makes
# it public. (BlockPublicPolicy only refuses new public policies; one already in place
# keeps working unless RestrictPublicBuckets is on.)
public_policy_restricted(attrs) if attrs.public_access_block.RestrictPublicBuckets == true

public_policy_restricted(attrs) if attrs.account_public_access_block.RestrictPublicBuckets == true

# Where the restriction comes from, for reasons.
restriction_source(attrs) := "the bucket's Block Public Access" if attrs.public_access_block.RestrictPublicBuckets == true

restriction_source(attrs) := "the account's Block Public Access" if {
	not attrs.public_access_block.RestrictPublicBuckets == true
	attrs.account_public_access_block.RestrictPublicBuckets == true
}

public_statements(attrs) := iam.public_statements(attrs.policy) if is_object(attrs.policy)

public_statements(attrs) := [] if not is_object(attrs.policy)

# Actions that change or destroy data or the bucket's own access rules.
write_actions := [
	"s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl",
	"s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketAcl", "s3:DeleteBucket",
	"s3:PutLifecycleConfiguration", "s3:PutBucketVersioning", "s3:RestoreObject",
]

# The write actions a statement grants, sorted.
granted_write_actions(st) := sort([a | some a in write_actions; iam.statement_covers_action(st, a)])

public_write_statements(attrs) := [st |
	some st in public_statements(attrs)
	count(granted_write_actions(st)) > 0
]
