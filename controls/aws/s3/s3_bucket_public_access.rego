# METADATA
# title: S3 bucket is not public through its bucket policy or ACL
# description: |
#   Checks whether the bucket policy lets anyone (Principal "*", or an Allow with
#   NotPrincipal) act on the bucket without a condition tying requests to known
#   accounts, organisations, networks or addresses, and whether the bucket ACL grants
#   anything to AllUsers or AuthenticatedUsers. Block Public Access neutralises each:
#   RestrictPublicBuckets (bucket or account) for policies, IgnorePublicAcls or
#   BucketOwnerEnforced ownership for ACLs. Object ACLs are not read.
# custom:
#   id: s3_bucket_public_access
#   severity: critical
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [policy, acl_grants, ownership_controls, public_access_block, account_public_access_block]
#   risk: Anyone on the internet can use the access the policy grants (read, list or change objects) without credentials.
#   remediation:
#     text: Remove or condition the public statements (aws:PrincipalOrgID, aws:SourceVpce), serve public content through CloudFront with origin access control, and turn on Block Public Access for the account.
#     cli: aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
#     terraform: |
#       resource "aws_s3_account_public_access_block" "this" {
#         block_public_acls       = true
#         ignore_public_acls      = true
#         block_public_policy     = true
#         restrict_public_buckets = true
#       }
package parapet.aws.s3.s3_bucket_public_access

import rego.v1

import data.parapet.lib.s3

attrs := input.resource.attributes

public := s3.public_statements(attrs)

policy_public if {
	count(public) > 0
	not s3.public_policy_restricted(attrs)
}

acl_grants := s3.public_acl_grants(attrs)

acl_public if {
	count(acl_grants) > 0
	not s3.acls_ignored(attrs)
}

default status := "PASS"

status := "FAIL" if policy_public

status := "FAIL" if acl_public

findings := array.concat(
	[sprintf("%d bucket policy statements allow anyone and RestrictPublicBuckets is off", [count(public)]) | policy_public],
	[sprintf("the ACL grants %s to everyone", [concat(", ", sort({g.Permission | some g in acl_grants}))]) | acl_public],
)

# What Block Public Access neutralised, for the PASS reason.
neutralised := array.concat(
	[sprintf("a public bucket policy is neutralised by %s", [s3.restriction_source(attrs)]) | count(public) > 0; s3.public_policy_restricted(attrs)],
	["public ACL grants are ignored" | count(acl_grants) > 0; s3.acls_ignored(attrs)],
)

reason := sprintf("bucket %s is public: %s", [input.resource.name, concat("; ", findings)]) if status == "FAIL"

reason := sprintf("bucket %s is not public", [input.resource.name]) if {
	status == "PASS"
	count(neutralised) == 0
}

reason := sprintf("bucket %s is not public (%s)", [input.resource.name, concat("; ", neutralised)]) if {
	status == "PASS"
	count(neutralised) > 0
}
