# S3 bucket exposure shared by the public-access controls: which policy statements
# are public, and whether Block Public Access (bucket or account level) neutralises them.
package parapet.lib.s3

import rego.v1

import data.parapet.lib.iam
import data.parapet.lib.util

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

# Actions that change or destroy data, or remove the bucket's protections: its access
# rules (policy, ACLs, Block Public Access, ownership controls that re-enable ACLs), its
# recovery (versioning, lifecycle, Object Lock, retention), its encryption, logging and
# replication (which can copy every new object to another account).
write_actions := [
	"s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:RestoreObject",
	"s3:AbortMultipartUpload", "s3:DeleteBucket",
	"s3:PutObjectAcl", "s3:PutObjectVersionAcl", "s3:PutBucketAcl",
	"s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
	"s3:PutBucketPublicAccessBlock", "s3:PutBucketOwnershipControls",
	"s3:PutLifecycleConfiguration", "s3:PutBucketVersioning",
	"s3:PutBucketObjectLockConfiguration", "s3:PutObjectRetention", "s3:PutObjectLegalHold",
	"s3:BypassGovernanceRetention",
	"s3:PutEncryptionConfiguration", "s3:PutBucketLogging", "s3:PutReplicationConfiguration",
	"s3:PutBucketWebsite", "s3:PutBucketCORS",
]

# The write actions a statement grants, sorted.
granted_write_actions(st) := sort([a | some a in write_actions; iam.statement_covers_action(st, a)])

public_write_statements(attrs) := [st |
	some st in public_statements(attrs)
	count(granted_write_actions(st)) > 0
]

# --- ACLs ---

public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers",
	# Any AWS account holder at all, so as good as public.
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

# ACLs play no part when the bucket enforces owner ownership (ACLs disabled) or Block
# Public Access ignores public ACLs at the bucket or account level.
acls_ignored(attrs) if attrs.ownership_controls == "BucketOwnerEnforced"

acls_ignored(attrs) if attrs.public_access_block.IgnorePublicAcls == true

acls_ignored(attrs) if attrs.account_public_access_block.IgnorePublicAcls == true

public_acl_grants(attrs) := [g |
	some g in util.as_list(attrs.acl_grants)
	g.Grantee.URI in public_groups
]

# WRITE lets the grantee create and overwrite objects; WRITE_ACP lets it rewrite the
# ACL itself (and so grant itself anything); FULL_CONTROL is both.
write_permissions := {"WRITE", "WRITE_ACP", "FULL_CONTROL"}

public_write_acl_grants(attrs) := [g |
	some g in public_acl_grants(attrs)
	g.Permission in write_permissions
]
